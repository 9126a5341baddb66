package io.atsbridge.platform.testing;

import io.atsbridge.platform.context.CallHeaders;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server on a free loopback port that stands in for other atsbridge services in a test (the adapter's
 * identity, consent, mapping and audit peers, the gateway's adapter): it serves the test's fakes and records every
 * call with the caller headers it came with, so a test can assert who called what for which tenant and trace.
 *
 * <pre>{@code
 * try (StandInServer peers = StandInServer.start(new FakeIdentity(), new FakeAudit())) {
 *     properties.put("atsbridge.peers.identity.address", peers.address());
 *     ...
 *     assertThat(peers.calls()).extracting(StandInServer.Call::method).contains("ResolveCandidate");
 * }
 * }</pre>
 */
public final class StandInServer implements AutoCloseable {

    /**
     * One call the server took.
     *
     * @param method        the method's bare name, e.g. {@code ResolveCandidate}
     * @param tenant        the tenant header, if sent
     * @param traceId       the trace id header, if sent
     * @param authorization the authorization header, if sent
     */
    public record Call(String method, @Nullable String tenant, @Nullable String traceId, @Nullable String authorization) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Server server;

    private StandInServer(List<BindableService> services) throws IOException {
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                calls.add(new Call(call.getMethodDescriptor().getBareMethodName(), headers.get(CallHeaders.TENANT),
                        headers.get(CallHeaders.TRACE_ID), headers.get(CallHeaders.AUTHORIZATION)));
                return next.startCall(call, headers);
            }
        };
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, recorder));
        }
        server = builder.build().start();
    }

    /** Starts a server for {@code services}. */
    public static StandInServer start(BindableService... services) {
        try {
            return new StandInServer(List.of(services));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stand-in gRPC server", e);
        }
    }

    /** Where it listens, {@code 127.0.0.1:<port>}, as a peer address setting takes it. */
    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Every call so far, in the order they came. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
