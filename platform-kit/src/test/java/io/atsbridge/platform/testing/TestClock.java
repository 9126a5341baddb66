package io.atsbridge.platform.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand: it stands still until {@link #advance} moves it, so a test runs a
 * five-day wait in no time and the code under test sees exactly the times the test chose. Safe to read
 * from the service's threads while the test thread advances it.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    private TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock standing at {@code start}. */
    public static TestClock at(Instant start) {
        return new TestClock(start);
    }

    /** A clock standing at the system's current time, to microseconds (the precision the databases keep). */
    public static TestClock atSystemTime() {
        return new TestClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** Moves the clock forward by {@code by}, which must not be negative; answers the new time. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("by: " + by + " (expected: zero or more; time does not run backwards)");
        }
        return now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("a TestClock is in UTC, as every service's clock is (asked for " + zone + ")");
        }
        return this;
    }
}
