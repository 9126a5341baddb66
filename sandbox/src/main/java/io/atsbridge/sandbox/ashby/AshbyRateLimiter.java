package io.atsbridge.sandbox.ashby;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An optional fixed-window request limit per API key. Ashby documents no rate limit, so it is off (0) by
 * default; when on, a request over the limit is answered 429 with {@code Retry-After} (the shape a
 * third-party profile claims for Ashby; unverified), so clients' back-off can be exercised.
 */
final class AshbyRateLimiter {

    private final Clock clock;
    private final Duration window;
    private final Map<String, Window> windows = new HashMap<>();
    private int limit;

    private static final class Window {
        Instant start;
        int used;

        Window(Instant start) {
            this.start = start;
        }
    }

    AshbyRateLimiter(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    synchronized void setLimit(int requestsPerWindow) {
        if (requestsPerWindow < 0) {
            throw new IllegalArgumentException("Ashby rate limit: " + requestsPerWindow + " (expected: >= 0, 0 for none)");
        }
        this.limit = requestsPerWindow;
        windows.clear();
    }

    /** Zero when the request may go ahead, else how long until the key's window resets. */
    synchronized Duration acquire(String key) {
        if (limit == 0) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(key, k -> new Window(now));
        if (!now.isBefore(w.start.plus(window))) {
            w.start = now;
            w.used = 0;
        }
        if (w.used < limit) {
            w.used++;
            return Duration.ZERO;
        }
        return Duration.between(now, w.start.plus(window));
    }
}
