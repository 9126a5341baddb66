package io.atsbridge.sandbox.lever;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Lever's token bucket on a hand-moved clock: exact counts, no waiting. */
class LeverRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LeverRateLimiter limiter = new LeverRateLimiter(nanos::get, 10, 20);

    @Test
    void aBurstOfTwentyPassesAndTheTwentyFirstIsRefused() {
        assertThat(acquired("key", 20)).isEqualTo(20);
        assertThat(limiter.acquire("key")).isFalse();
        assertThat(limiter.stats()).isEqualTo(new LeverRateLimitStats(21, 1, 0));
    }

    @Test
    void anEmptyBucketRecoversAtTenPerSecondAndNeverHoldsMoreThanTheBurst() {
        acquired("key", 20);

        nanos.addAndGet(1_000_000_000L);
        assertThat(acquired("key", 30)).as("one second refills ten tokens").isEqualTo(10);

        nanos.addAndGet(100_000_000L);
        assertThat(acquired("key", 5)).as("a tenth of a second refills one").isEqualTo(1);

        nanos.addAndGet(60_000_000_000L);
        assertThat(acquired("key", 50)).as("a minute idle refills only up to the burst").isEqualTo(20);
    }

    @Test
    void refusedRequestsTakeNoTokenAndKeysHaveBucketsOfTheirOwn() {
        acquired("key", 20);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("key")).isFalse();
        }
        nanos.addAndGet(200_000_000L);
        assertThat(acquired("key", 10)).as("the hammering took nothing: 0.2 s gave two tokens").isEqualTo(2);
        assertThat(acquired("other-key", 25)).isEqualTo(20);

        limiter.reset();
        assertThat(limiter.stats()).isEqualTo(new LeverRateLimitStats(0, 0, 0));
        assertThat(acquired("key", 25)).as("reset refills every bucket").isEqualTo(20);
    }

    private int acquired(String key, int attempts) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.acquire(key)) {
                ok++;
            }
        }
        return ok;
    }
}
