package io.atsbridge.launcher;

import com.google.rpc.ErrorInfo;
import io.atsbridge.platform.auth.MethodPolicy;
import io.atsbridge.platform.context.CallHeaders;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.privacy.PersonalFields;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny by default, checked on the running platform (every service in one process, on H2):
 * <ul>
 *   <li>the descriptor walk: every method every service serves declares a call policy in its contract (the health and
 *   reflection services aside, which are open and hold no tenant data);</li>
 *   <li>the documented table (docs/security.md) is exactly those policies;</li>
 *   <li>every method whose answers can carry a field marked personal declares that it reads personal data;</li>
 *   <li>the matrix: every method called with a token of each role, and with a token of no known role, is refused
 *   {@code ROLE_REQUIRED} exactly when the table says that role may not call it.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallPolicyTest {

    private static final List<String> ROLES = List.of("gateway", "service", "operator", "reviewer", "compliance", "auditor",
            "demographics");
    private static final String NO_ROLE = "bystander";
    private static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([\\w.]+)` \\| `(\\w+)` \\| (.+?) \\| (required|none \\(tenant-free\\)) \\| (—|read recorded(?:; personal fields to (.+))?) \\|$");

    private EmbeddedPlatform platform;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Map<String, String> tokens = new HashMap<>();
        for (String role : roleTokens()) {
            String prefix = "atsbridge.auth.tokens.policy-" + role + ".";
            tokens.put(prefix + "secret", token(role));
            tokens.put(prefix + "tenants", "*");
            tokens.put(prefix + "roles", role);
        }
        platform = EmbeddedPlatform.start(new LaunchOptions(Files.createTempDirectory("atsbridge-policy"), Map.of(),
                Map.of(LaunchOptions.ALL_SERVICES, tokens), true));
    }

    @AfterAll
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyServedMethodDeclaresAPolicyAndTheDocumentedTableIsExactlyThem() throws IOException {
        Map<String, String> served = new TreeMap<>();
        for (EmbeddedPlatform.RunningService service : grpcServices()) {
            for (ServerServiceDefinition definition : service.context().getBean(GrpcEmbeddedServer.class).getServer().getServices()) {
                if (OPEN_SERVICES.contains(definition.getServiceDescriptor().getName())) {
                    continue;
                }
                for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                    Optional<MethodPolicy> policy = MethodPolicy.declaredBy(method.getMethodDescriptor());
                    assertThat(policy).as("%s on %s declares a call policy", method.getMethodDescriptor().getFullMethodName(),
                            service.name()).isPresent();
                    if (answerCarriesPersonalFields(method)) {
                        assertThat(policy.get().readsPersonalData()).as("%s answers fields marked personal, so its policy "
                                + "must say it reads personal data", method.getMethodDescriptor().getFullMethodName()).isTrue();
                    }
                    served.put(method.getMethodDescriptor().getFullMethodName(), describe(policy.get()));
                }
            }
        }
        assertThat(served).as("every service's methods").hasSizeGreaterThanOrEqualTo(36);
        assertThat(documented()).isEqualTo(served);
    }

    @Test
    void everyMethodAdmitsExactlyTheRolesItsPolicyNames() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (EmbeddedPlatform.RunningService service : grpcServices()) {
            ManagedChannel channel = NettyChannelBuilder.forTarget(service.address()).usePlaintext().build();
            channels.add(channel);
            for (ServerServiceDefinition definition : service.context().getBean(GrpcEmbeddedServer.class).getServer().getServices()) {
                if (OPEN_SERVICES.contains(definition.getServiceDescriptor().getName())) {
                    continue;
                }
                for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                    MethodPolicy policy = MethodPolicy.declaredBy(method.getMethodDescriptor()).orElseThrow();
                    for (String role : roleTokens()) {
                        boolean admitted = policy.admits(Set.of(role));
                        Optional<String> refusal = refusal(channel, method.getMethodDescriptor().getFullMethodName(), role);
                        calls++;
                        if (admitted == refusal.isPresent()) {
                            wrong.add(method.getMethodDescriptor().getFullMethodName() + " with role " + role + ": "
                                    + (admitted ? "refused " + refusal.get() + " though its policy admits the role"
                                    : "not refused though its policy does not admit the role"));
                        }
                    }
                }
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(36 * roleTokens().size());
        assertThat(wrong).isEmpty();
    }

    /** The role refusal the call got, if it got one (any other outcome, success or error, is not about roles). */
    private Optional<String> refusal(ManagedChannel channel, String fullMethodName, String role) {
        Metadata headers = new Metadata();
        headers.put(CallHeaders.AUTHORIZATION, "Bearer " + token(role));
        headers.put(CallHeaders.TENANT, "acme");
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethodName)
                .setRequestMarshaller(new Bytes())
                .setResponseMarshaller(new Bytes())
                .build();
        try {
            ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    method, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), new byte[0]);
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            String reason = GrpcErrors.errorInfo(e).map(ErrorInfo::getReason).orElse("");
            assertThat(e.getStatus().getCode()).as("%s with role %s: %s", fullMethodName, role, e.getStatus())
                    .isNotIn(Status.Code.UNAUTHENTICATED, Status.Code.UNIMPLEMENTED);
            return e.getStatus().getCode() == Status.Code.PERMISSION_DENIED && reason.equals("ROLE_REQUIRED")
                    ? Optional.of(reason) : Optional.empty();
        }
    }

    private List<EmbeddedPlatform.RunningService> grpcServices() {
        return platform.services().stream().filter(s -> s.protocol().equals("grpc")).toList();
    }

    /** The table in docs/security.md, method by method, described as {@link #describe} does. */
    private static Map<String, String> documented() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("security.md");
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                List<String> roles = new ArrayList<>();
                Matcher role = Pattern.compile("`(\\w+)`").matcher(row.group(3));
                while (role.find()) {
                    roles.add(role.group(1));
                }
                List<String> personalFieldsFor = new ArrayList<>();
                if (row.group(6) != null) {
                    Matcher fieldRole = Pattern.compile("`(\\w+)`").matcher(row.group(6));
                    while (fieldRole.find()) {
                        personalFieldsFor.add(fieldRole.group(1));
                    }
                }
                rows.put(row.group(1) + "/" + row.group(2), describe(new MethodPolicy(row.group(1) + "/" + row.group(2),
                        roles, row.group(4).startsWith("none"), !row.group(5).equals("—"), personalFieldsFor)));
            }
        }
        return rows;
    }

    private static String describe(MethodPolicy policy) {
        return (policy.roles().isEmpty() ? "any" : String.join(",", policy.roles().stream().sorted().toList()))
                + (policy.tenantFree() ? " tenant-free" : "")
                + (policy.readsPersonalData() ? " read-recorded" : "")
                + (policy.personalFieldsFor().isEmpty() ? "" : " fields-to:" + String.join(",", policy.personalFieldsFor().stream().sorted().toList()));
    }

    private static boolean answerCarriesPersonalFields(ServerMethodDefinition<?, ?> method) {
        return method.getMethodDescriptor().getSchemaDescriptor() instanceof io.grpc.protobuf.ProtoMethodDescriptorSupplier proto
                && PersonalFields.carried(proto.getMethodDescriptor().getOutputType());
    }

    private static List<String> roleTokens() {
        List<String> all = new ArrayList<>(ROLES);
        all.add(NO_ROLE);
        return all;
    }

    private static String token(String role) {
        return "policy-test-" + role + "-token-0123456789";
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
