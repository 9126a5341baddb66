package io.atsbridge.gateway.http;

import io.atsbridge.gateway.config.GatewaySettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the gateway's meters in the Prometheus text exposition format (version 0.0.4), for a
 * Prometheus scraper on the internal network: webhooks received, verified, rejected (by reason) and
 * deduplicated per connection and vendor, and the webhook latency timer. Labels carry connection ids, vendor
 * names and reasons only, never a secret or personal data. Off when {@code atsbridge.gateway.metrics.enabled}
 * is false. With {@code atsbridge.gateway.metrics.token} set, a scrape must present it as
 * {@code Authorization: Bearer <token>} (compared in constant time), so the endpoint may sit on the same
 * port as the webhooks the internet reaches; without it the endpoint is open, for a private network.
 */
@Controller
@Requires(beans = PrometheusMeterRegistry.class)
final class MetricsController {

    /** The Prometheus text format's content type. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    @Nullable
    private final byte[] expected;

    MetricsController(PrometheusMeterRegistry registry, GatewaySettings settings) {
        this.registry = registry;
        String token = settings.metrics().token();
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token.trim()).getBytes(StandardCharsets.UTF_8);
    }

    @Get(uri = "/metrics", produces = MediaType.ALL)
    HttpResponse<?> scrape(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (expected != null && (authorization == null
                || !MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8)))) {
            return Problems.response(401, authorization == null ? "METRICS_TOKEN_MISSING" : "METRICS_TOKEN_WRONG",
                    "GET /metrics needs the metrics token: send Authorization: Bearer <atsbridge.gateway.metrics.token>")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return HttpResponse.ok(registry.scrape()).contentType(TEXT_FORMAT);
    }
}
