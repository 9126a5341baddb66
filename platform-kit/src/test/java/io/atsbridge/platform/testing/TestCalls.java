package io.atsbridge.platform.testing;

import io.atsbridge.platform.context.CallHeaders;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real gRPC channels to a service under test, and the auth settings tests configure it with.
 */
public final class TestCalls {

    /** The token tests use; configured by {@link #authProperties()}. */
    public static final String TOKEN = "test-token-0123456789abcdef";
    /** A token allowed only for tenant {@code other}, to test tenant isolation. */
    public static final String OTHER_TENANT_TOKEN = "other-tenant-token-0123456789";
    /** The tenant tests act for. */
    public static final String TENANT = "acme";

    private TestCalls() {
    }

    /**
     * Micronaut properties: a service token for any tenant holding every role, and a person token for tenant "other"
     * only holding the people's roles (operator, reviewer, compliance, auditor). A test of tenant isolation on a
     * service's call acts for "other" with the service token (its tenants are any). Static person tokens are allowed
     * here as in the embedded run; a deployed service refuses them. People's reads of personal data are recorded in a
     * {@link MemoryReadLog}, as the service is tested without audit-service.
     */
    public static Map<String, String> authProperties() {
        return Map.of(
                "atsbridge.test.read-log", "memory",
                "atsbridge.auth.tokens.tester.secret", TOKEN,
                "atsbridge.auth.tokens.tester.tenants", "*",
                "atsbridge.auth.tokens.tester.roles", "service,operator,gateway,reviewer,compliance,auditor",
                "atsbridge.auth.tokens.outsider.secret", OTHER_TENANT_TOKEN,
                "atsbridge.auth.tokens.outsider.kind", "PERSON",
                "atsbridge.auth.tokens.outsider.tenants", "other",
                "atsbridge.auth.tokens.outsider.roles", "operator,reviewer,compliance,auditor",
                "atsbridge.auth.allow-static-person-tokens", "true");
    }

    /** A plaintext channel to localhost:port. */
    public static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** The stub with the test token, the given tenant and a 10 s deadline. */
    public static <S extends AbstractStub<S>> S as(S stub, String token, String tenant) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(CallHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (tenant != null) {
            headers.put(CallHeaders.TENANT, tenant);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** The stub with the test token for tenant {@link #TENANT}. */
    public static <S extends AbstractStub<S>> S asTenant(S stub) {
        return as(stub, TOKEN, TENANT);
    }

    /** Shuts a channel down, waiting briefly. */
    public static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The service names the server lists through server reflection (grpc.reflection.v1), without a token. */
    public static List<String> listServices(io.grpc.Channel channel) throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    private final List<String> found = new ArrayList<>();

                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        for (ServiceResponse service : response.getListServicesResponse().getServiceList()) {
                            found.add(service.getName());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        names.complete(found);
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return names.get(10, TimeUnit.SECONDS);
    }
}
