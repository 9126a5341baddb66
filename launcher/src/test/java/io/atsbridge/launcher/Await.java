package io.atsbridge.launcher;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for the end-to-end tests: the platform works asynchronously, so tests wait for what must come true. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /**
     * Returns once the condition holds; fails the test after {@code limit}, naming what was awaited and the state
     * the supplier describes (what the vendors and the loop saw), to explain the failure.
     */
    static void until(String what, Duration limit, BooleanSupplier condition, Supplier<String> state) {
        if (!within(limit, condition)) {
            String seen = state.get();
            throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting until " + what
                    + (seen.isEmpty() ? "" : "; " + seen));
        }
    }

    /** Whether the condition came true within the limit. */
    static boolean within(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(POLL);
        }
        return true;
    }

    /** Sleeps; an interrupt fails the test. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
