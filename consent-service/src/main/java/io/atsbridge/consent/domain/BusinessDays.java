package io.atsbridge.consent.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * Business-day arithmetic for notice waiting periods, on a calendar that says which days are business
 * days (weekdays that are not public holidays of the jurisdiction, see {@link LocalCalendar}).
 */
public final class BusinessDays {

    /** A waiting period is at most 366 business days (the pack checks it): about a year and a half. */
    private static final int MAX_DAYS_SCANNED = 4 * 366;

    private BusinessDays() {
    }

    /**
     * The business days that have passed from {@code from} to {@code to}: the business days after
     * {@code from} up to and including {@code to}, or 0 when {@code to} is not after {@code from}.
     * A notice given on Friday has had one business day by Monday (when Monday is not a holiday).
     */
    public static long between(LocalDate from, LocalDate to, Predicate<LocalDate> isBusinessDay) {
        long days = ChronoUnit.DAYS.between(from, to);
        long count = 0;
        // Ledgers reach back years; past the scan bound the period has long passed in any case.
        for (long i = 1; i <= Math.min(days, MAX_DAYS_SCANNED); i++) {
            if (isBusinessDay.test(from.plusDays(i))) {
                count++;
            }
        }
        return count;
    }

    /** The first date on which {@code count} business days have passed since {@code from}. */
    public static LocalDate after(LocalDate from, int count, Predicate<LocalDate> isBusinessDay) {
        if (count < 0 || count > 366) {
            throw new IllegalArgumentException("count: " + count + " (expected: 0..366)");
        }
        LocalDate day = from;
        for (int left = count; left > 0; ) {
            day = day.plusDays(1);
            if (isBusinessDay.test(day)) {
                left--;
            }
        }
        return day;
    }
}
