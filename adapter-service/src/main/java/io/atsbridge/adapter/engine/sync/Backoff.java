package io.atsbridge.adapter.engine.sync;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits base * 2^(n-1), capped at max, of which a random
 * half is kept (so retries of many events spread out), and never less than what the vendor asked for.
 */
record Backoff(Duration base, Duration max) {

    Backoff {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff: base " + base + ", max " + max + " (expected: 0 <= base <= max)");
        }
    }

    /**
     * @param attempt    the attempt that failed, 1 for the first
     * @param retryAfter what the vendor asked for, or zero
     */
    Duration delay(int attempt, Duration retryAfter) {
        long baseMillis = base.toMillis();
        long cap = max.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long exponential = baseMillis > (cap >> shift) ? cap : Math.min(cap, baseMillis << shift);
        long jittered = exponential / 2 + (exponential / 2 == 0 ? 0 : ThreadLocalRandom.current().nextLong(exponential / 2 + 1));
        return Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
    }
}
