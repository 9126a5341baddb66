package io.atsbridge.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atsbridge.gateway.config.GatewaySettings;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * A token bucket per connection id (Bucket4j): {@code requests-per-second} refilled greedily up to
 * {@code burst}, so one vendor's flood (or someone hammering one URL) cannot starve the others.
 * Buckets of idle connections are dropped after ten minutes; the number kept is bounded.
 */
@Singleton
final class ConnectionRateLimiter {

    private final long requestsPerSecond;
    private final long burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    @Inject
    ConnectionRateLimiter(GatewaySettings settings) {
        this(settings.rateLimit().requestsPerSecond(), settings.rateLimit().burst());
    }

    ConnectionRateLimiter(long requestsPerSecond, long burst) {
        if (requestsPerSecond <= 0 || burst < requestsPerSecond) {
            throw new IllegalArgumentException("atsbridge.gateway.rate-limit: requests-per-second " + requestsPerSecond
                    + ", burst " + burst + " (expected: requests-per-second > 0 and burst >= requests-per-second)");
        }
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    /** Empty when the request may go on; else the whole seconds to wait before the next one (at least 1). */
    OptionalLong tryAcquire(String connectionId) {
        Bucket bucket = buckets.get(connectionId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }
}
