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
    /** A calendar without holidays. */
    private static final java.util.function.Predicate<LocalDate> WEEKDAYS =
            day -> day.getDayOfWeek().getValue() <= 5;
    private static final LocalCalendar NEW_YORK_CITY = LocalCalendar.of("US-NY-NYC");

    @Test
    void publicHolidaysOfTheJurisdictionAreNotBusinessDays() {
        // Thursday 2026-11-26 is Thanksgiving; Wednesday 2026-11-11 Veterans Day.
        assertThat(NEW_YORK_CITY.isBusinessDay(LocalDate.of(2026, 11, 26))).isFalse();
        assertThat(NEW_YORK_CITY.isBusinessDay(LocalDate.of(2026, 11, 11))).isFalse();
        assertThat(NEW_YORK_CITY.isBusinessDay(LocalDate.of(2026, 11, 25))).isTrue();
        assertThat(LocalCalendar.of("DE-BY").isBusinessDay(LocalDate.of(2026, 10, 3)))
                .as("a Saturday").isFalse();
        assertThat(LocalCalendar.of("DE").isBusinessDay(LocalDate.of(2026, 12, 25))).isFalse();
        // Friday 2026-11-20 to Friday 2026-12-04 holds ten weekdays, one of them Thanksgiving.
        assertThat(BusinessDays.between(FRIDAY, LocalDate.of(2026, 12, 4), NEW_YORK_CITY::isBusinessDay)).isEqualTo(9);
        assertThat(BusinessDays.after(FRIDAY, 10, NEW_YORK_CITY::isBusinessDay)).isEqualTo(LocalDate.of(2026, 12, 7));
    }

    @Test
    void localDaysFollowTheJurisdictionsZoneAcrossDaylightSavingTime() {
        // 21:00 in New York on Friday 2026-10-30 (EDT, UTC-4) is Saturday 01:00 UTC; after 2026-11-01 it is UTC-5.
        assertThat(NEW_YORK_CITY.day(java.time.Instant.parse("2026-10-31T01:00:00Z"))).isEqualTo(LocalDate.of(2026, 10, 30));
        assertThat(NEW_YORK_CITY.startOf(LocalDate.of(2026, 10, 30))).isEqualTo(java.time.Instant.parse("2026-10-30T04:00:00Z"));
        assertThat(NEW_YORK_CITY.startOf(LocalDate.of(2026, 11, 2))).isEqualTo(java.time.Instant.parse("2026-11-02T05:00:00Z"));
        assertThat(LocalCalendar.of("ZZ").zone()).as("a place without a calendar").isEqualTo(java.time.ZoneId.of("UTC"));
    }

    @Test
    void countsWeekdaysAfterTheStartUpToAndIncludingTheEnd() {
        assertThat(BusinessDays.between(FRIDAY, FRIDAY, WEEKDAYS)).isZero();
        assertThat(BusinessDays.between(FRIDAY, SATURDAY, WEEKDAYS)).isZero();
        assertThat(BusinessDays.between(FRIDAY, MONDAY, WEEKDAYS)).isEqualTo(1);
        assertThat(BusinessDays.between(SATURDAY, MONDAY, WEEKDAYS)).isEqualTo(1);
        assertThat(BusinessDays.between(MONDAY, MONDAY.plusDays(4), WEEKDAYS)).isEqualTo(4);
        assertThat(BusinessDays.between(FRIDAY, FRIDAY.plusWeeks(1), WEEKDAYS)).isEqualTo(5);
        assertThat(BusinessDays.between(FRIDAY, FRIDAY.plusWeeks(2), WEEKDAYS)).isEqualTo(10);
        assertThat(BusinessDays.between(MONDAY, FRIDAY, WEEKDAYS)).as("end before start").isZero();
        assertThat(BusinessDays.between(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), WEEKDAYS))
                .as("2024 has 262 weekdays; Monday 2024-01-01 itself is not counted, Wednesday 2025-01-01 is")
                .isEqualTo(262);
    }

    @Test
    void afterGivesTheFirstDayOnWhichThePeriodHasPassed() {
        assertThat(BusinessDays.after(FRIDAY, 0, WEEKDAYS)).isEqualTo(FRIDAY);
        assertThat(BusinessDays.after(FRIDAY, 1, WEEKDAYS)).isEqualTo(MONDAY);
        assertThat(BusinessDays.after(SATURDAY, 1, WEEKDAYS)).isEqualTo(MONDAY);
        assertThat(BusinessDays.after(FRIDAY, 10, WEEKDAYS)).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThatThrownBy(() -> BusinessDays.after(FRIDAY, -1, WEEKDAYS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterAndBetweenAgreeForEveryStartDayAndPeriod() {
        for (int offset = 0; offset < 14; offset++) {
            LocalDate start = FRIDAY.plusDays(offset);
            for (int count = 1; count <= 30; count++) {
                LocalDate end = BusinessDays.after(start, count, WEEKDAYS);
                assertThat(WEEKDAYS.test(end)).isTrue();
                assertThat(BusinessDays.between(start, end, WEEKDAYS)).as("%s + %s", start, count).isEqualTo(count);
                assertThat(BusinessDays.between(start, end.minusDays(1), WEEKDAYS)).as("%s + %s - 1 day", start, count)
                        .isEqualTo(count - 1);
            }
        }
    }
}
