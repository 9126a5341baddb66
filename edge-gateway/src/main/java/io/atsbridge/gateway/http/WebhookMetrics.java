package io.atsbridge.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * The gateway's webhook meters, tagged by connection and vendor: {@code atsbridge.webhooks.received},
 * {@code .verified}, {@code .rejected} (tag reason), {@code .deduplicated} (the inbox already had the
 * delivery) and the timer {@code atsbridge.webhooks.latency}. The connection tag is only set from
 * connections the adapter confirmed (else {@code unknown}), and the vendor from its answer, so a caller cannot grow
 * the number of series beyond the configured connections plus {@code unknown}.
 */
@Singleton
final class WebhookMetrics {

    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(String connection, String vendor) {
        counter("atsbridge.webhooks.received", connection, vendor).increment();
    }

    void verified(String connection, String vendor) {
        counter("atsbridge.webhooks.verified", connection, vendor).increment();
    }

    void deduplicated(String connection, String vendor) {
        counter("atsbridge.webhooks.deduplicated", connection, vendor).increment();
    }

    void rejected(String connection, String vendor, String reason) {
        Counter.builder("atsbridge.webhooks.rejected").description("webhooks refused, by reason")
                .tags("connection", connection, "vendor", vendor, "reason", reason).register(registry).increment();
    }

    void latency(String connection, String vendor, long nanos) {
        Timer.builder("atsbridge.webhooks.latency").description("time from request to answer")
                .tags("connection", connection, "vendor", vendor).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String name, String connection, String vendor) {
        return Counter.builder(name).tags("connection", connection, "vendor", vendor).register(registry);
    }
}
