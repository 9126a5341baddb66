package io.atsbridge.gateway.http;

import io.atsbridge.gateway.config.GatewaySettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.OptionalLong;

/**
 * The budget of verified requests: a token bucket per connection, {@code requests-per-second} refilled greedily up to
 * {@code burst}, so one vendor's flood cannot starve the others. Webhooks take from it only once their signature
 * verified, so junk never spends it ({@link UnverifiedBudget} limits junk on its own budget).
 */
@Singleton
final class ConnectionRateLimiter {

    private final KeyedBuckets buckets;

    @Inject
    ConnectionRateLimiter(GatewaySettings settings) {
        this(settings.rateLimit().requestsPerSecond(), settings.rateLimit().burst());
    }

    ConnectionRateLimiter(long requestsPerSecond, long burst) {
        this.buckets = new KeyedBuckets("atsbridge.gateway.rate-limit", requestsPerSecond, burst);
    }

    /** Empty when the request may go on; else the whole seconds to wait before the next one (at least 1). */
    OptionalLong tryAcquire(String connectionId) {
        return buckets.tryAcquire(connectionId);
    }
}
