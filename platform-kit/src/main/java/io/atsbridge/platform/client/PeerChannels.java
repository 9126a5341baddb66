package io.atsbridge.platform.client;

import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.CallHeaders;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.tls.TlsContexts;
import io.atsbridge.platform.tls.TlsSettings;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.micronaut.core.annotation.Nullable;
import io.netty.handler.ssl.SslContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Channels to the other atsbridge services. Every call made through them carries this service's
 * own token, the current call's tenant, trace and original principal, and a deadline (the peer's
 * configured one unless the stub sets a shorter one).
 */
@Singleton
public final class PeerChannels {

    private final Map<String, PeerConfiguration> peers;
    @Nullable
    private final String ownToken;
    @Nullable
    private final SslContext tls;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    PeerChannels(List<PeerConfiguration> peers, ClientSettings client, TlsSettings tls) {
        this.peers = peers.stream().collect(Collectors.toMap(PeerConfiguration::name, p -> p));
        this.ownToken = client.tokenOrNull();
        this.tls = TlsContexts.client(tls.client()).orElse(null);
    }

    /**
     * A stub for the named peer, with the peer's deadline starting now; make a new one per call.
     *
     * @param peer        the peer's name in {@code atsbridge.peers}, e.g. {@code identity}
     * @param stubFactory e.g. {@code IdentityServiceGrpc::newBlockingStub}
     */
    public <S extends AbstractStub<S>> S stub(String peer, Function<Channel, S> stubFactory) {
        PeerConfiguration configuration = configuration(peer);
        return stubFactory.apply(channel(peer))
                .withDeadlineAfter(configuration.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The channel to the named peer, with context propagation applied. */
    public Channel channel(String peer) {
        PeerConfiguration configuration = configuration(peer);
        ManagedChannel channel = channels.computeIfAbsent(peer, name -> {
            NettyChannelBuilder builder = NettyChannelBuilder.forTarget(configuration.address());
            // Over TLS when a CA to check peers with is configured (atsbridge.tls.client), else plaintext.
            return (tls != null ? builder.sslContext(tls) : builder.usePlaintext()).build();
        });
        return ClientInterceptors.intercept(channel, new ContextPropagation(ownToken(peer), configuration.deadline()));
    }

    /**
     * Makes the channel to the named peer try to connect at once when it is waiting out the backoff after a
     * failed connection (gRPC waits up to two minutes between attempts), e.g. when a readiness check found
     * the peer unreachable: a peer that came back is then noticed by the next check, not minutes later.
     */
    public void reconnectNow(String peer) {
        ManagedChannel channel = channels.get(peer);
        if (channel != null) {
            channel.resetConnectBackoff();
        }
    }

    private PeerConfiguration configuration(String peer) {
        PeerConfiguration configuration = peers.get(peer);
        if (configuration == null || configuration.address() == null || configuration.address().isBlank()) {
            throw new MissingConfigurationException("no address for peer service '" + peer + "': set ATSBRIDGE_PEERS_"
                    + peer.toUpperCase().replace('-', '_') + "_ADDRESS (host:port)");
        }
        ownToken(peer);
        return configuration;
    }

    private String ownToken(String peer) {
        String token = ownToken;
        if (token == null) {
            throw new MissingConfigurationException("no token to call peer service '" + peer
                    + "' with: set ATSBRIDGE_CLIENT_TOKEN");
        }
        return token;
    }

    @PreDestroy
    void close() throws InterruptedException {
        for (ManagedChannel channel : channels.values()) {
            channel.shutdown();
        }
        for (ManagedChannel channel : channels.values()) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Adds credential, tenant, trace and principal to every call, and a deadline when none is set. */
    static final class ContextPropagation implements ClientInterceptor {

        private final String token;
        private final Duration defaultDeadline;

        ContextPropagation(String token, Duration defaultDeadline) {
            this.token = token;
            this.defaultDeadline = defaultDeadline;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            CallOptions withDeadline = options.getDeadline() == null
                    ? options.withDeadlineAfter(defaultDeadline.toMillis(), TimeUnit.MILLISECONDS)
                    : options;
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, withDeadline)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(CallHeaders.AUTHORIZATION, "Bearer " + token);
                    CallContext.find().ifPresent(context -> {
                        headers.put(CallHeaders.TENANT, context.tenantId());
                        String principal = context.onBehalfOf() != null ? context.onBehalfOf() : context.caller().name();
                        headers.put(CallHeaders.ON_BEHALF_OF, principal);
                        if (context.traceId() != null) {
                            headers.put(CallHeaders.TRACE_ID, context.traceId());
                        }
                    });
                    super.start(listener, headers);
                }
            };
        }
    }
}
