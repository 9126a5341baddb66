package io.atsbridge.platform.health;

import io.atsbridge.platform.startup.ServiceIdentity;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Publishes standard gRPC health ({@code grpc.health.v1}) under the names in {@link HealthNames}.
 * Readiness — the whole server ({@code ""}) and every service it hosts — is SERVING once the server has
 * started (after Flyway migrated the database and every eager bean started) and while the service's
 * database answers: it is asked every {@code atsbridge.health.database.interval} (default 5 s) and an
 * outage turns readiness NOT_SERVING until the database answers again, so traffic goes to replicas that
 * can serve it. Liveness ({@code liveness}) stays SERVING from start to shutdown, whatever the database
 * does, so that an outage does not get every replica restarted. Everything is NOT_SERVING from the moment
 * the server shuts down. Contexts without a data source are ready as soon as they start.
 */
@Singleton
@Requires(property = "grpc.server.enabled", notEquals = "false")
final class ServingStatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ServingStatusPublisher.class);

    private final HealthStatusManager health;
    @Nullable
    private final DatabaseCheck database;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final String serviceName;

    // Guarded by this: the check thread and the server's lifecycle events both publish.
    private List<String> hostedServices = List.of();
    private boolean started;
    private boolean stopped;
    private boolean databaseAnswers = true;
    @Nullable
    private ScheduledFuture<?> databaseChecks;

    ServingStatusPublisher(HealthStatusManager health, Optional<DatabaseCheck> database,
                           @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                           DatabaseHealthSettings settings, ServiceIdentity identity) {
        this.health = health;
        this.database = database.orElse(null);
        this.scheduler = scheduler;
        this.interval = settings.interval();
        this.serviceName = identity.name();
    }

    @EventListener
    synchronized void onStartup(ServerStartupEvent event) {
        if (!(event.getSource() instanceof GrpcEmbeddedServer grpcServer) || stopped) {
            return;
        }
        hostedServices = grpcServer.getServer().getServices().stream()
                .map(ServerServiceDefinition::getServiceDescriptor)
                .map(ServiceDescriptor::getName)
                .toList();
        started = true;
        health.setStatus(HealthNames.LIVENESS, ServingStatus.SERVING);
        publishReadiness();
        if (database != null && databaseChecks == null) {
            databaseChecks = scheduler.scheduleWithFixedDelay(interval, interval, this::checkDatabase);
        }
    }

    @EventListener
    void onShutdown(ServerShutdownEvent event) {
        if (event.getSource() instanceof GrpcEmbeddedServer) {
            stop();
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (databaseChecks != null) {
            databaseChecks.cancel(false);
        }
        if (started) {
            health.setStatus(HealthNames.LIVENESS, ServingStatus.NOT_SERVING);
            publishReadiness();
        }
    }

    /** Asks the database (outside the lock: it may take seconds) and publishes what changed. */
    private void checkDatabase() {
        DatabaseCheck check = database;
        if (check == null) {
            return;
        }
        Optional<String> problem;
        try {
            problem = check.problem();
        } catch (RuntimeException e) {
            // Never let the schedule die: a check that cannot run counts as an unanswered one.
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        synchronized (this) {
            if (stopped || problem.isEmpty() == databaseAnswers) {
                return;
            }
            databaseAnswers = problem.isEmpty();
            if (databaseAnswers) {
                LOG.info("{}: its database answers again; ready (SERVING)", serviceName);
            } else {
                LOG.warn("{}: its database does not answer ({}); not ready (NOT_SERVING) until it does, checked every {}",
                        serviceName, problem.get(), interval);
            }
            publishReadiness();
        }
    }

    private void publishReadiness() {
        ServingStatus status = started && !stopped && databaseAnswers ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthNames.READINESS, status);
        for (String service : hostedServices) {
            health.setStatus(service, status);
        }
    }
}
