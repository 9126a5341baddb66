package io.atsbridge.sandbox.greenhouse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Harvest's limit: a number of requests per API key per fixed 10-second window. A window opens with the
 * first request after the previous one closed (so a burst never straddles two windows by accident). Only
 * accepted requests use up the allowance: a 429 does not, as Greenhouse counts served requests; a client
 * that keeps retrying during the window is still refused until it closes.
 */
final class HarvestRateLimiter {

    /** The limiter's answer for one request. */
    record Decision(boolean allowed, int limit, int remaining, Instant resetAt) {
    }

    private final Clock clock;
    private final Duration window;
    private final Map<String, Window> windows = new HashMap<>();
    private int limit;
    private long requests;
    private long throttled;
    private int peak;
    private long unauthorized;

    HarvestRateLimiter(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    synchronized Decision acquire(String apiKey) {
        Instant now = clock.instant();
        requests++;
        Window current = windows.get(apiKey);
        if (current == null || !now.isBefore(current.start.plus(window))) {
            current = new Window(now);
            windows.put(apiKey, current);
        }
        Instant resetAt = current.start.plus(window);
        if (current.used >= limit) {
            throttled++;
            return new Decision(false, limit, 0, resetAt);
        }
        current.used++;
        peak = Math.max(peak, current.used);
        return new Decision(true, limit, limit - current.used, resetAt);
    }

    synchronized void unauthorized() {
        unauthorized++;
    }

    synchronized void setLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("rate limit: " + limit + " (expected: > 0)");
        }
        this.limit = limit;
    }

    synchronized RateLimitStats stats() {
        return new RateLimitStats(requests, throttled, peak, unauthorized);
    }

    /** Clears counters and open windows. */
    synchronized void reset() {
        windows.clear();
        requests = 0;
        throttled = 0;
        peak = 0;
        unauthorized = 0;
    }

    private static final class Window {
        final Instant start;
        int used;

        Window(Instant start) {
            this.start = start;
        }
    }
}
