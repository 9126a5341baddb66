package io.atsbridge.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * A token bucket per key (Bucket4j): {@code requestsPerSecond} refilled greedily up to {@code burst}. Buckets of idle
 * keys are dropped after ten minutes, and the number kept is bounded, so made-up keys cannot grow it without end.
 */
final class KeyedBuckets {

    private final long requestsPerSecond;
    private final long burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /** @param setting the configuration prefix of the two numbers, for the message when they make no sense */
    KeyedBuckets(String setting, long requestsPerSecond, long burst) {
        if (requestsPerSecond <= 0 || burst < requestsPerSecond) {
            throw new IllegalArgumentException(setting + ": requests-per-second " + requestsPerSecond + ", burst " + burst
                    + " (expected: requests-per-second > 0 and burst >= requests-per-second)");
        }
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    /** Takes a token: empty when there was one; else the whole seconds until the next (at least 1). */
    OptionalLong tryAcquire(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds(probe.getNanosToWaitForRefill()));
    }

    /** Nanoseconds as whole seconds, rounded up, at least 1 (what Retry-After can say). */
    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Empty while the key's bucket has a token; else the whole seconds until it has one. Takes nothing. */
    OptionalLong spent(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    private Bucket bucket(String key) {
        return buckets.get(key, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)).build())
                .build());
    }
}
