package io.atsbridge.adapter.outbound.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When each delivery attempt of an outbound event is made: the published Standard Webhooks / Svix
 * schedule. Subscribers can rely on it.
 *
 * <table>
 *   <caption>Attempts, each counted from the failure of the one before</caption>
 *   <tr><th>attempt</th><th>after</th></tr>
 *   <tr><td>1</td><td>immediately (as soon as a relay picks the event up)</td></tr>
 *   <tr><td>2</td><td>5 seconds</td></tr>
 *   <tr><td>3</td><td>5 minutes</td></tr>
 *   <tr><td>4</td><td>30 minutes</td></tr>
 *   <tr><td>5</td><td>2 hours</td></tr>
 *   <tr><td>6</td><td>5 hours</td></tr>
 *   <tr><td>7</td><td>10 hours</td></tr>
 *   <tr><td>8</td><td>10 hours (the last; about 27.6 hours after the first)</td></tr>
 * </table>
 *
 * <p>An attempt succeeds on any 2xx answer. A {@code 410 Gone} answer disables the subscriber at once.
 * Anything else — another status, a time-out, a refused connection — is retried on this schedule, and
 * after the 8th failed attempt the event is FAILED for that subscriber. There is no jitter: the schedule
 * is what is published. Tests run the schedule by moving the service's {@link java.time.Clock}.
 */
public final class RetrySchedule {

    /** The wait before each attempt; index 0 is the first attempt. */
    public static final List<Duration> STANDARD = List.of(
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    private final List<Duration> waits;

    private RetrySchedule(List<Duration> waits) {
        this.waits = waits;
    }

    /** The published schedule. */
    public static RetrySchedule standard() {
        return new RetrySchedule(STANDARD);
    }

    /** How many attempts are made at most. */
    public int attempts() {
        return waits.size();
    }

    /**
     * How long to wait after the given attempt failed, or empty when it was the last.
     *
     * @param failedAttempt the attempt that failed, 1-based
     */
    public Optional<Duration> waitAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt: " + failedAttempt + " (expected: >= 1)");
        }
        return failedAttempt < waits.size() ? Optional.of(waits.get(failedAttempt)) : Optional.empty();
    }
}
