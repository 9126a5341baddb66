package io.atsbridge.platform.auth;

import com.google.rpc.ErrorInfo;
import io.atsbridge.platform.context.CallHeaders;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestPorts;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.annotation.Property;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "platform-kit.test.probe", value = "true")
@Property(name = "atsbridge.service.name", value = "probe-service")
class AuthenticationInterceptorTest implements TestPropertyProvider {

    @Inject
    GrpcEmbeddedServer server;

    private ManagedChannel channel;

    @BeforeAll
    void open() {
        channel = TestCalls.channel(server.getPort());
    }

    @AfterAll
    void close() throws InterruptedException {
        TestCalls.close(channel);
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(TestCalls.authProperties());
        properties.put("atsbridge.auth.tokens.edge.secret", "edge-gateway-token-0123456789");
        properties.put("atsbridge.auth.tokens.edge.tenants", "*");
        properties.put("atsbridge.auth.tokens.edge.roles", "service,gateway");
        properties.put("grpc.server.port", TestPorts.freeText());
        return properties;
    }

    private String lookup(String token, String tenant) {
        Metadata headers = new Metadata();
        headers.put(CallHeaders.AUTHORIZATION, token);
        if (tenant != null) {
            headers.put(CallHeaders.TENANT, tenant);
        }
        var intercepted = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(intercepted, ProbeService.LOOKUP,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "x");
    }

    @Test
    void tenantFreeMethodNeedsItsRoleButNoTenant() {
        assertThat(lookup("Bearer edge-gateway-token-0123456789", null)).isEqualTo("[]/edge");
        assertRejected(() -> lookup("Bearer " + TestCalls.OTHER_TENANT_TOKEN, null), Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
        assertRejected(() -> lookup("Bearer wrong-token-0000000000", null), Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
    }

    private String ask(String question, String token, String tenant) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(CallHeaders.AUTHORIZATION, token);
        }
        if (tenant != null) {
            headers.put(CallHeaders.TENANT, tenant);
        }
        var intercepted = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(intercepted, ProbeService.ASK,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), question);
    }

    private static void assertRejected(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(code);
                    ErrorInfo info = GrpcErrors.errorInfo(e).orElseThrow();
                    assertThat(info.getReason()).isEqualTo(reason);
                    assertThat(info.getDomain()).isEqualTo("probe.atsbridge.io");
                });
    }

    @Test
    void authenticatedCallSeesTenantAndCaller() {
        assertThat(ask("whoami", "Bearer " + TestCalls.TOKEN, "acme")).isEqualTo("acme/tester");
    }

    @Test
    void missingTokenIsUnauthenticated() {
        assertRejected(() -> ask("whoami", null, "acme"), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
    }

    @Test
    void wrongTokenIsUnauthenticated() {
        assertRejected(() -> ask("whoami", "Bearer not-the-right-token-at-all", "acme"),
                Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
    }

    @Test
    void basicSchemeIsUnauthenticated() {
        assertRejected(() -> ask("whoami", "Basic dGVzdDp0ZXN0", "acme"),
                Status.Code.UNAUTHENTICATED, "TOKEN_SCHEME_UNSUPPORTED");
    }

    @Test
    void missingTenantIsInvalidArgument() {
        assertRejected(() -> ask("whoami", "Bearer " + TestCalls.TOKEN, null),
                Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
    }

    @Test
    void malformedTenantIsInvalidArgument() {
        assertRejected(() -> ask("whoami", "Bearer " + TestCalls.TOKEN, "Acme Corp"),
                Status.Code.INVALID_ARGUMENT, "TENANT_INVALID");
    }

    @Test
    void callerOutsideItsTenantsIsDenied() {
        assertRejected(() -> ask("whoami", "Bearer " + TestCalls.OTHER_TENANT_TOKEN, "acme"),
                Status.Code.PERMISSION_DENIED, "TENANT_NOT_PERMITTED");
        assertThat(ask("whoami", "Bearer " + TestCalls.OTHER_TENANT_TOKEN, "other")).isEqualTo("other/outsider");
    }

    @Test
    void domainExceptionKeepsCodeReasonAndMessage() {
        assertThatThrownBy(() -> ask("invalid", "Bearer " + TestCalls.TOKEN, "acme"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("probe: invalid (expected: whoami)");
                    assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo("PROBE_INVALID");
                });
    }

    @Test
    void aMethodWithoutAPolicyIsRefusedToEveryCallerDenyByDefault() {
        Metadata headers = new Metadata();
        headers.put(CallHeaders.AUTHORIZATION, "Bearer " + TestCalls.TOKEN);
        headers.put(CallHeaders.TENANT, "acme");
        var intercepted = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(intercepted, ProbeService.UNDECLARED,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "x"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo("METHOD_WITHOUT_POLICY");
                });
    }

    @Test
    void unexpectedExceptionIsInternalAndLeaksNothing() {
        assertThatThrownBy(() -> ask("boom", "Bearer " + TestCalls.TOKEN, "acme"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).doesNotContain("secret-detail").contains("incident");
                    assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo("INTERNAL");
                });
    }

    @Test
    void healthIsOpenAndServing() {
        HealthCheckResponse overall = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build());
        assertThat(overall.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        HealthCheckResponse probe = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("atsbridge.test.Probe").build());
        assertThat(probe.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        HealthCheckResponse liveness = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("liveness").build());
        assertThat(liveness.getStatus()).as("liveness of a service without a database").isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void reflectionListsServicesWithoutToken() throws Exception {
        // Reflection lists services that have a proto descriptor; the probe is hand-built without one.
        assertThat(TestCalls.listServices(channel))
                .contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection")
                .doesNotContain("atsbridge.test.Probe");
    }
}
