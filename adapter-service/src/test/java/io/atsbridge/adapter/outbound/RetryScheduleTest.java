package io.atsbridge.adapter.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The published Standard Webhooks / Svix schedule and its scaling. */
class RetryScheduleTest {

    @Test
    void standardScheduleIsThePublishedOne() {
        RetrySchedule schedule = RetrySchedule.scaled(1.0);
        assertThat(schedule.attempts()).isEqualTo(8);
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(i -> schedule.waitAfter(i).orElseThrow()).toList()).containsExactly(
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(schedule.waitAfter(8)).as("the 8th attempt is the last").isEmpty();
    }

    @Test
    void timeScaleMultipliesEveryWait() {
        RetrySchedule schedule = RetrySchedule.scaled(0.001);
        assertThat(schedule.waitAfter(1)).contains(Duration.ofMillis(5));
        assertThat(schedule.waitAfter(7)).contains(Duration.ofSeconds(36));
        assertThatThrownBy(() -> RetrySchedule.scaled(0)).hasMessageContaining("time scale: 0.0 (expected: a positive number");
        assertThatThrownBy(() -> schedule.waitAfter(0)).hasMessageContaining("failedAttempt: 0");
    }
}
