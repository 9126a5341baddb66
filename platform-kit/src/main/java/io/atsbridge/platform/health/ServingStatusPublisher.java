package io.atsbridge.platform.health;

import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Publishes standard gRPC health ({@code grpc.health.v1}): SERVING for the whole server ("") and
 * for every service it hosts once the server has started (which is after Flyway migrated the
 * database and every eager bean started), NOT_SERVING from the moment it shuts down.
 */
@Singleton
@Requires(property = "grpc.server.enabled", notEquals = "false")
final class ServingStatusPublisher {

    private final HealthStatusManager health;

    ServingStatusPublisher(HealthStatusManager health) {
        this.health = health;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        if (event.getSource() instanceof GrpcEmbeddedServer grpcServer) {
            setAll(grpcServer, ServingStatus.SERVING);
        }
    }

    @EventListener
    void onShutdown(ServerShutdownEvent event) {
        if (event.getSource() instanceof GrpcEmbeddedServer grpcServer) {
            setAll(grpcServer, ServingStatus.NOT_SERVING);
        }
    }

    private void setAll(GrpcEmbeddedServer server, ServingStatus status) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        for (ServerServiceDefinition service : server.getServer().getServices()) {
            health.setStatus(service.getServiceDescriptor().getName(), status);
        }
    }
}
