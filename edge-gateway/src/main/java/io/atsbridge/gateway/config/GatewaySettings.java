package io.atsbridge.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The gateway's settings, {@code atsbridge.gateway.*}, one nested record per section; every key and its default is
 * in {@code application-gateway.yml} (with the environment variable that sets it), and the same defaults stand here
 * for a context built without it. The services it calls are {@link CalledPeers}.
 *
 * @param requestDeadline a whole request (headers and body) must arrive within this long of its first line
 * @param webhooks        how webhooks are verified
 * @param rateLimit       how many webhook requests a connection may send
 * @param metrics         the Prometheus endpoint
 * @param readiness       {@code GET /health}
 */
@ConfigurationProperties("atsbridge.gateway")
public record GatewaySettings(
        @Bindable(defaultValue = "30s") Duration requestDeadline,
        Webhooks webhooks,
        RateLimit rateLimit,
        Metrics metrics,
        Readiness readiness) {

    /**
     * How webhooks are verified, {@code atsbridge.gateway.webhooks.*}. The Lever retry horizon is Lever's alone, but
     * its key stays {@code webhooks.lever-retry-horizon} (documented, and set by GATEWAY_LEVER_RETRY_HORIZON) rather
     * than moving under a {@code lever} section.
     *
     * @param timestampTolerance how far a signed timestamp may be from now before the request is refused as a
     *                           possible replay
     * @param leverRetryHorizon  how long after its triggeredAt a Lever delivery is still taken as a possible late
     *                           retry; at most the tolerance turns it off
     */
    @ConfigurationProperties("webhooks")
    public record Webhooks(
            @Bindable(defaultValue = "5m") Duration timestampTolerance,
            @Bindable(defaultValue = "14d") Duration leverRetryHorizon) {
    }

    /**
     * A token bucket per connection, {@code atsbridge.gateway.rate-limit.*}; checked by the limiter at start-up.
     *
     * @param requestsPerSecond webhook requests per second per connection, refilled continuously
     * @param burst             how many may come at once after a quiet spell
     */
    @ConfigurationProperties("rate-limit")
    public record RateLimit(
            @Bindable(defaultValue = "50") long requestsPerSecond,
            @Bindable(defaultValue = "100") long burst) {
    }

    /**
     * {@code GET /metrics}, {@code atsbridge.gateway.metrics.*}. {@link #toString()} never prints the token.
     *
     * @param enabled whether the endpoint is served (read by the meter registry's factory as it is made)
     * @param token   when set, a scrape must send {@code Authorization: Bearer <token>}
     */
    @ConfigurationProperties("metrics")
    public record Metrics(
            @Bindable(defaultValue = "true") boolean enabled,
            @Nullable String token) {

        @Override
        public String toString() {
            // Never print the token.
            return "Metrics[enabled " + enabled + ", token " + (token == null || token.isBlank() ? "none" : "set") + "]";
        }
    }

    /**
     * {@code GET /health}, {@code atsbridge.gateway.readiness.*}.
     *
     * @param cacheFor how long a readiness result is reused
     */
    @ConfigurationProperties("readiness")
    public record Readiness(@Bindable(defaultValue = "1s") Duration cacheFor) {
    }
}
