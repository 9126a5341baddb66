package io.atsbridge.sandbox.lever;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lever's limit: a token bucket per API key ("a steady state number of 10 requests/second per API key ...
 * bursts of requests up to 20 requests/second"). A bucket holds up to {@code burst} tokens and gains
 * {@code ratePerSecond} tokens a second; a request takes one, or is refused when none is left. A refused
 * request takes no token, so a client that backs off recovers at the steady rate.
 */
final class LeverRateLimiter {

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private int ratePerSecond;
    private int burst;
    private long requests;
    private long throttled;
    private long unauthorized;

    LeverRateLimiter(LongSupplier nanoTime, int ratePerSecond, int burst) {
        this.nanoTime = nanoTime;
        configure(ratePerSecond, burst);
    }

    /** Whether the key may make a request now; takes a token when it may. */
    synchronized boolean acquire(String apiKey) {
        long now = nanoTime.getAsLong();
        requests++;
        Bucket bucket = buckets.computeIfAbsent(apiKey, key -> new Bucket(burst, now));
        double elapsedSeconds = Math.max(0, now - bucket.refilledAt) / 1e9;
        bucket.tokens = Math.min(burst, bucket.tokens + elapsedSeconds * ratePerSecond);
        bucket.refilledAt = now;
        if (bucket.tokens < 1) {
            throttled++;
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    synchronized void unauthorized() {
        unauthorized++;
    }

    /** Changes the rate and bucket size from now on; every bucket starts full again. */
    synchronized void configure(int ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("Lever rate limit: " + ratePerSecond + "/s, burst " + burst
                    + " (expected: both > 0)");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        buckets.clear();
    }

    synchronized LeverRateLimitStats stats() {
        return new LeverRateLimitStats(requests, throttled, unauthorized);
    }

    /** Clears the counters and refills every bucket. */
    synchronized void reset() {
        buckets.clear();
        requests = 0;
        throttled = 0;
        unauthorized = 0;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
