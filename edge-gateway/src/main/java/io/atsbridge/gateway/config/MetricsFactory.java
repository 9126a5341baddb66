package io.atsbridge.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The gateway's meter registry: an in-memory {@link SimpleMeterRegistry}; exporting
 * to a backend is a later step. Plain Micrometer rather than micronaut-micrometer, whose JVM and gRPC binders
 * would also attach to every other service's context when the launcher runs them in one JVM.
 */
@Factory
final class MetricsFactory {

    @Singleton
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
