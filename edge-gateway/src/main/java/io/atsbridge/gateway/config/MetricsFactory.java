package io.atsbridge.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The gateway's meter registry: a {@link PrometheusMeterRegistry}, scraped at {@code GET /metrics}, unless
 * {@code atsbridge.gateway.metrics.enabled} is false (then an in-memory {@link SimpleMeterRegistry} that nothing
 * exports, and no {@code /metrics}). Plain Micrometer rather than micronaut-micrometer, whose JVM and gRPC binders
 * would also attach to every other service's context when the launcher runs them in one JVM.
 */
@Factory
final class MetricsFactory {

    /** The setting that switches the Prometheus endpoint on (default) or off. */
    public static final String ENABLED = "atsbridge.gateway.metrics.enabled";

    @Singleton
    @Requires(property = ENABLED, notEquals = "false")
    PrometheusMeterRegistry prometheusRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Singleton
    @Requires(property = ENABLED, value = "false")
    MeterRegistry simpleRegistry() {
        return new SimpleMeterRegistry();
    }
}
