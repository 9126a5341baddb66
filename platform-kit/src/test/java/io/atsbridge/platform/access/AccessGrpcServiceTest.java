package io.atsbridge.platform.access;

import com.google.rpc.ErrorInfo;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.atsbridge.proto.access.v1.CallerKind;
import io.atsbridge.proto.access.v1.CheckAccessRequest;
import io.atsbridge.proto.access.v1.CheckAccessResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Property;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CheckAccess over a real channel, with the test tokens: who a credential makes the caller, what it lacks. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "atsbridge.service.name", value = "probe-service")
class AccessGrpcServiceTest implements TestPropertyProvider {

    @Inject
    GrpcEmbeddedServer server;

    private ManagedChannel channel;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestCalls.authProperties());
        properties.put("grpc.server.port", TestPorts.freeText());
        return properties;
    }

    @BeforeAll
    void open() {
        channel = TestCalls.channel(server.getPort());
    }

    @AfterAll
    void close() throws InterruptedException {
        TestCalls.close(channel);
    }

    private CheckAccessResponse check(String token, List<String> requiredRoles) {
        return TestCalls.as(AccessServiceGrpc.newBlockingStub(channel), token, null)
                .checkAccess(CheckAccessRequest.newBuilder().addAllRequiredRoles(requiredRoles).build());
    }

    @Test
    void tellsTheCallerWhoItIsAndWhichRolesItLacksWithoutATenant() {
        CheckAccessResponse response = check(TestCalls.TOKEN, List.of("operator", "recruiter", "gateway", "janitor", "recruiter"));

        assertThat(response.getCallerName()).isEqualTo("tester");
        assertThat(response.getCallerKind()).isEqualTo(CallerKind.CALLER_KIND_SERVICE);
        assertThat(response.getRolesList()).containsExactly("auditor", "compliance", "gateway", "operator", "reviewer", "service");
        assertThat(response.getTenantsList()).containsExactly("*");
        assertThat(response.getMissingRolesList()).as("in the order asked, each once").containsExactly("recruiter", "janitor");
    }

    @Test
    void aCallerHoldingEveryRequiredRoleLacksNone() {
        CheckAccessResponse person = check(TestCalls.OTHER_TENANT_TOKEN, List.of("operator"));

        assertThat(person.getCallerName()).isEqualTo("outsider");
        assertThat(person.getCallerKind()).isEqualTo(CallerKind.CALLER_KIND_PERSON);
        assertThat(person.getTenantsList()).containsExactly("other");
        assertThat(person.getMissingRolesList()).isEmpty();
        assertThat(check(TestCalls.TOKEN, List.of()).getMissingRolesList()).as("nothing asked, nothing missing").isEmpty();
    }

    @Test
    void aTenantSentAlongIsIgnored() {
        CheckAccessResponse response = TestCalls.as(AccessServiceGrpc.newBlockingStub(channel),
                        TestCalls.OTHER_TENANT_TOKEN, TestCalls.TENANT)
                .checkAccess(CheckAccessRequest.getDefaultInstance());

        assertThat(response.getCallerName()).as("a tenant the caller may not act for is no refusal here").isEqualTo("outsider");
    }

    @Test
    void noTokenOrAnUnknownOneIsUnauthenticated() {
        assertRejected(() -> check(null, List.of("gateway")), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertRejected(() -> check("not-a-token-anyone-configured", List.of("gateway")),
                Status.Code.UNAUTHENTICATED, "TOKEN_INVALID");
    }

    @Test
    void tooManyOrMalformedRequiredRolesAreInvalid() {
        assertRejected(() -> check(TestCalls.TOKEN, Collections.nCopies(AccessGrpcService.MAX_REQUIRED_ROLES + 1, "r")),
                Status.Code.INVALID_ARGUMENT, "REQUIRED_ROLES_TOO_MANY");
        assertRejected(() -> check(TestCalls.TOKEN, List.of("service", " ")),
                Status.Code.INVALID_ARGUMENT, "REQUIRED_ROLE_INVALID");
        assertRejected(() -> check(TestCalls.TOKEN, List.of("r".repeat(AccessGrpcService.MAX_ROLE_LENGTH + 1))),
                Status.Code.INVALID_ARGUMENT, "REQUIRED_ROLE_INVALID");
    }

    @Test
    void reflectionListsTheAccessService() throws Exception {
        assertThat(TestCalls.listServices(channel)).contains("atsbridge.access.v1.AccessService");
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
}
