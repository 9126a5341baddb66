package io.atsbridge.platform.tls;

import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Puts the gRPC server on TLS (and mutual TLS with a client CA) when {@code atsbridge.tls.server} names a certificate.
 * Micronaut's own {@code grpc.server.ssl} knows no client certificates, so the server's builder is given the whole
 * Netty context here instead.
 */
@Singleton
final class ServerTls implements BeanCreatedEventListener<ServerBuilder<?>> {

    private final TlsSettings settings;

    ServerTls(TlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        ServerBuilder<?> builder = event.getBean();
        TlsContexts.server(settings.server()).ifPresent(context -> {
            if (!(builder instanceof NettyServerBuilder netty)) {
                throw new IllegalStateException("atsbridge.tls.server needs the Netty gRPC server, not "
                        + builder.getClass().getName());
            }
            netty.sslContext(context);
        });
        return builder;
    }
}
