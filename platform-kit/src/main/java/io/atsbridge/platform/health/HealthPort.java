package io.atsbridge.platform.health;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A second, plaintext gRPC port serving only standard health checking ({@code grpc.health.v1.Health}), when
 * {@code atsbridge.health.port} is set ({@code ATSBRIDGE_HEALTH_PORT}; off by default). Kubernetes' native
 * {@code grpc:} probes cannot speak TLS, so a service whose main port is on TLS is probed here. It answers from the
 * same {@link HealthStatusManager} as the main server, so readiness and liveness mean the same on both ports. Nothing
 * else is served on it: no service API, no reflection, nothing that carries a token or a tenant's data, so it needs
 * neither TLS nor authentication (health is open on the main port too). It opens once the main server has started
 * and closes with the service.
 */
@Singleton
@Requires(property = HealthPort.PORT_PROPERTY)
@Requires(property = "grpc.server.enabled", notEquals = "false")
final class HealthPort {

    static final String PORT_PROPERTY = "atsbridge.health.port";

    private static final Logger LOG = LoggerFactory.getLogger(HealthPort.class);

    private final HealthStatusManager health;
    private final int port;
    // Guarded by this.
    @Nullable
    private Server server;
    private boolean stopped;

    HealthPort(HealthStatusManager health, @Value("${" + PORT_PROPERTY + "}") int port) {
        if (port < 1 || port > 65535) {
            throw new MissingConfigurationException("ATSBRIDGE_HEALTH_PORT: " + port
                    + " (expected: a port from 1 to 65535, or unset for no separate health port)");
        }
        this.health = health;
        this.port = port;
    }

    @EventListener
    synchronized void onStartup(ServerStartupEvent event) {
        if (!(event.getSource() instanceof GrpcEmbeddedServer) || server != null || stopped) {
            return;
        }
        Server started = NettyServerBuilder.forAddress(new InetSocketAddress(port))
                .addService(health.getHealthService())
                // A health check is a map look-up: answer it on the transport thread, with no pool to size.
                .directExecutor()
                .build();
        try {
            started.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the health port " + port + " (" + e.getMessage()
                    + "): free it or set ATSBRIDGE_HEALTH_PORT to another port", e);
        }
        server = started;
        LOG.info("gRPC health (grpc.health.v1, plaintext, nothing else) on port {}", port);
    }

    /** The port health is served on, once open. */
    synchronized int port() {
        Server running = server;
        return running == null ? port : running.getPort();
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        stopped = true;
        Server running = server;
        if (running != null) {
            running.shutdown();
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
            server = null;
        }
    }
}
