package io.atsbridge.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /metrics}: the gateway's meters in the Prometheus text exposition format (version 0.0.4), for a
 * Prometheus scraper on the internal network: webhooks received, verified, rejected (by reason) and
 * deduplicated per connection and vendor, and the webhook latency timer. Labels carry connection ids, vendor
 * names and reasons only, never a secret or personal data. Off when {@code atsbridge.gateway.metrics.enabled}
 * is false.
 */
@Controller
@Requires(beans = PrometheusMeterRegistry.class)
final class MetricsController {

    /** The Prometheus text format's content type. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(uri = "/metrics", produces = MediaType.TEXT_PLAIN)
    HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape()).contentType(TEXT_FORMAT);
    }
}
