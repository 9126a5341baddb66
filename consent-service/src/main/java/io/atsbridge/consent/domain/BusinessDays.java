package io.atsbridge.consent.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Business-day arithmetic for notice waiting periods: Monday to Friday count, weekends do not.
 * Public holidays are not known to the rule pack and are not skipped, so a period that spans one
 * ends a day early; see the service notes.
 */
public final class BusinessDays {

    private BusinessDays() {
    }

    /**
     * The business days that have passed from {@code from} to {@code to}: the weekdays after
     * {@code from} up to and including {@code to}, or 0 when {@code to} is not after {@code from}.
     * A notice given on Friday has had one business day by Monday.
     */
    public static long between(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        if (days <= 0) {
            return 0;
        }
        long weeks = days / 7;
        long count = weeks * 5;
        // At most six days remain after the whole weeks.
        for (LocalDate day = from.plusDays(weeks * 7); day.isBefore(to); ) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** The first date on which {@code count} business days have passed since {@code from}. */
    public static LocalDate after(LocalDate from, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        LocalDate day = from;
        for (int left = count; left > 0; ) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                left--;
            }
        }
        return day;
    }

    /** Whether the date is Monday to Friday. */
    public static boolean isBusinessDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }
}
