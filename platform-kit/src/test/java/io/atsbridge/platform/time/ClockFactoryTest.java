package io.atsbridge.platform.time;

import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestClock;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockFactoryTest {

    @Test
    void aServiceReadsTheSystemClockInUtc() {
        try (ApplicationContext context = ApplicationContext.run(Map.<String, Object>copyOf(TestCalls.authProperties()))) {
            Clock clock = context.getBean(Clock.class);
            assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    void aClockGivenToTheContextWinsSoATestControlsTime() {
        TestClock clock = TestClock.at(Instant.parse("2026-12-07T09:00:00Z"));
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.<String, Object>copyOf(TestCalls.authProperties())).singletons(clock).start()) {
            Clock injected = context.getBean(Clock.class);
            assertThat(injected).isSameAs(clock);
            clock.advance(Duration.ofDays(5));
            assertThat(injected.instant()).isEqualTo(Instant.parse("2026-12-12T09:00:00Z"));
        }
    }

    @Test
    void aTestClockDoesNotRunBackwards() {
        TestClock clock = TestClock.at(Instant.parse("2026-12-07T09:00:00Z"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time does not run backwards");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
    }
}
