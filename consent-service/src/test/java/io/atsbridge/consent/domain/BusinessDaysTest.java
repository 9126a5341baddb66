package io.atsbridge.consent.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessDaysTest {

    // 2026-11-20 is a Friday, 2026-11-23 a Monday.
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 11, 21);
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    @Test
    void countsWeekdaysAfterTheStartUpToAndIncludingTheEnd() {
        assertThat(BusinessDays.between(FRIDAY, FRIDAY)).isZero();
        assertThat(BusinessDays.between(FRIDAY, SATURDAY)).isZero();
        assertThat(BusinessDays.between(FRIDAY, MONDAY)).isEqualTo(1);
        assertThat(BusinessDays.between(SATURDAY, MONDAY)).isEqualTo(1);
        assertThat(BusinessDays.between(MONDAY, MONDAY.plusDays(4))).isEqualTo(4);
        assertThat(BusinessDays.between(FRIDAY, FRIDAY.plusWeeks(1))).isEqualTo(5);
        assertThat(BusinessDays.between(FRIDAY, FRIDAY.plusWeeks(2))).isEqualTo(10);
        assertThat(BusinessDays.between(MONDAY, FRIDAY)).as("end before start").isZero();
        assertThat(BusinessDays.between(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)))
                .as("2024 has 262 weekdays; Monday 2024-01-01 itself is not counted, Wednesday 2025-01-01 is")
                .isEqualTo(262);
    }

    @Test
    void afterGivesTheFirstDayOnWhichThePeriodHasPassed() {
        assertThat(BusinessDays.after(FRIDAY, 0)).isEqualTo(FRIDAY);
        assertThat(BusinessDays.after(FRIDAY, 1)).isEqualTo(MONDAY);
        assertThat(BusinessDays.after(SATURDAY, 1)).isEqualTo(MONDAY);
        assertThat(BusinessDays.after(FRIDAY, 10)).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThatThrownBy(() -> BusinessDays.after(FRIDAY, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterAndBetweenAgreeForEveryStartDayAndPeriod() {
        for (int offset = 0; offset < 14; offset++) {
            LocalDate start = FRIDAY.plusDays(offset);
            for (int count = 1; count <= 30; count++) {
                LocalDate end = BusinessDays.after(start, count);
                assertThat(BusinessDays.isBusinessDay(end)).isTrue();
                assertThat(BusinessDays.between(start, end)).as("%s + %s", start, count).isEqualTo(count);
                assertThat(BusinessDays.between(start, end.minusDays(1))).as("%s + %s - 1 day", start, count)
                        .isEqualTo(count - 1);
            }
        }
    }
}
