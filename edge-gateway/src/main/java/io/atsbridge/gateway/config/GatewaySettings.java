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
     * @param smartrecruitersRetryHorizon how long after its smartrecruiters-timestamp a SmartRecruiters delivery is
     *                           still taken as a possible redelivery; at most the tolerance turns it off
     * @param teamtailorRetryHorizon how long after its signed {@code t} a Teamtailor delivery is still taken as a
     *                           possible retry; at most the tolerance turns it off
     */
    @ConfigurationProperties("webhooks")
    public record Webhooks(
            @Bindable(defaultValue = "5m") Duration timestampTolerance,
            @Bindable(defaultValue = "14d") Duration leverRetryHorizon,
            @Bindable(defaultValue = "7d") Duration smartrecruitersRetryHorizon,
            @Bindable(defaultValue = "1d") Duration teamtailorRetryHorizon) {

        /** The late-retry horizons by vendor name, as the connectors library takes them. */
        public java.util.Map<String, Duration> lateRetryHorizons() {
            return java.util.Map.of("LEVER", leverRetryHorizon, "SMARTRECRUITERS", smartrecruitersRetryHorizon,
                    "TEAMTAILOR", teamtailorRetryHorizon);
        }
    }

    /**
     * The webhook budgets, {@code atsbridge.gateway.rate-limit.*}, checked by the limiters at start-up: a token bucket
     * per connection for verified requests, and apart from it the budgets of requests that did not verify.
     *
     * @param requestsPerSecond verified webhook requests per second per connection, refilled continuously
     * @param burst             how many may come at once after a quiet spell
     * @param unverified        the budgets of requests that did not verify
     */
    @ConfigurationProperties("rate-limit")
    public record RateLimit(
            @Bindable(defaultValue = "50") long requestsPerSecond,
            @Bindable(defaultValue = "100") long burst,
            Unverified unverified) {

        /**
         * The budgets of webhook requests that did not verify, {@code atsbridge.gateway.rate-limit.unverified.*}: once one
         * is spent, such requests are answered 429 (and not logged one by one); verified deliveries never take from them.
         *
         * @param perConnectionPerSecond unverified requests per second per connection, refilled continuously
         * @param perConnectionBurst     how many may come at once
         * @param perSourcePerSecond     unverified requests per second per source address (the client address Micronaut
         *                               resolves: the socket's, or {@code micronaut.server.client-address-header}'s
         *                               behind a proxy that sets it)
         * @param perSourceBurst         how many may come at once
         */
        @ConfigurationProperties("unverified")
        public record Unverified(
                @Bindable(defaultValue = "10") long perConnectionPerSecond,
                @Bindable(defaultValue = "50") long perConnectionBurst,
                @Bindable(defaultValue = "5") long perSourcePerSecond,
                @Bindable(defaultValue = "50") long perSourceBurst) {
        }
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
