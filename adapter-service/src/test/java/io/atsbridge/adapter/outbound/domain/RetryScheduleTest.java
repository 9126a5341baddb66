package io.atsbridge.adapter.outbound.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The published Standard Webhooks / Svix schedule. */
class RetryScheduleTest {

    @Test
    void standardScheduleIsThePublishedOne() {
        RetrySchedule schedule = RetrySchedule.standard();
        assertThat(schedule.attempts()).isEqualTo(8);
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(i -> schedule.waitAfter(i).orElseThrow()).toList()).containsExactly(
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(schedule.waitAfter(8)).as("the 8th attempt is the last").isEmpty();
    }

    @Test
    void anAttemptNumberBelowOneIsRefused() {
        assertThatThrownBy(() -> RetrySchedule.standard().waitAfter(0)).hasMessageContaining("failedAttempt: 0");
    }
}
