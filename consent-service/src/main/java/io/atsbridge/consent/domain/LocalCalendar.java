package io.atsbridge.consent.domain;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import io.micronaut.core.annotation.Nullable;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A jurisdiction's local time and working calendar: its time zone, and its business days (Monday to
 * Friday, less the public holidays that jollyday knows for the country and, where given, the state or
 * province). Dates of rules (effective from, in force) and notice periods are counted in it, so a use at
 * 21:00 in New York is still that day there.
 *
 * <p>A jurisdiction without an entry takes its nearest ancestor's; one with none at all (a place the pack
 * has no rules for) is UTC with weekends only. Places spanning zones take the zone where their law is
 * made or where most people live: US federal rules count in America/New_York, EU rules in
 * Europe/Brussels, which never makes a rule bind earlier than in that place's east.
 *
 * @param zone        the time zone
 * @param calendar    jollyday's country calendar, or null for weekends only
 * @param subdivision jollyday's subdivision code (e.g. {@code ny}), or empty for the country's holidays only
 */
public record LocalCalendar(ZoneId zone, @Nullable HolidayCalendar calendar, String subdivision) {

    private static final LocalCalendar UTC = new LocalCalendar(ZoneId.of("UTC"), null, "");
    private static final Map<String, LocalCalendar> KNOWN = known();
    private static final Map<HolidayCalendar, HolidayManager> MANAGERS = new ConcurrentHashMap<>();

    private static Map<String, LocalCalendar> known() {
        Map<String, LocalCalendar> known = new java.util.HashMap<>();
        us(known, "US", "America/New_York", "");
        for (String[] state : List.of(new String[] {"NY", "America/New_York"}, new String[] {"IL", "America/Chicago"},
                new String[] {"CA", "America/Los_Angeles"}, new String[] {"CO", "America/Denver"},
                new String[] {"MD", "America/New_York"}, new String[] {"FL", "America/New_York"},
                new String[] {"MA", "America/New_York"}, new String[] {"MT", "America/Denver"},
                new String[] {"NH", "America/New_York"}, new String[] {"PA", "America/New_York"},
                new String[] {"WA", "America/Los_Angeles"}, new String[] {"NV", "America/Los_Angeles"},
                new String[] {"CT", "America/New_York"}, new String[] {"DE", "America/New_York"},
                new String[] {"MI", "America/Detroit"}, new String[] {"OR", "America/Los_Angeles"},
                new String[] {"TX", "America/Chicago"}, new String[] {"NJ", "America/New_York"})) {
            us(known, "US-" + state[0], state[1], state[0].toLowerCase(java.util.Locale.ROOT));
        }
        known.put("CA", new LocalCalendar(ZoneId.of("America/Toronto"), HolidayCalendar.CANADA, ""));
        known.put("CA-ON", new LocalCalendar(ZoneId.of("America/Toronto"), HolidayCalendar.CANADA, "on"));
        known.put("CA-QC", new LocalCalendar(ZoneId.of("America/Toronto"), HolidayCalendar.CANADA, "qc"));
        known.put("EU", new LocalCalendar(ZoneId.of("Europe/Brussels"), null, ""));
        known.put("DE", new LocalCalendar(ZoneId.of("Europe/Berlin"), HolidayCalendar.GERMANY, ""));
        known.put("FR", new LocalCalendar(ZoneId.of("Europe/Paris"), HolidayCalendar.FRANCE, ""));
        known.put("NL", new LocalCalendar(ZoneId.of("Europe/Amsterdam"), HolidayCalendar.NETHERLANDS, ""));
        known.put("IE", new LocalCalendar(ZoneId.of("Europe/Dublin"), HolidayCalendar.IRELAND, ""));
        known.put("ES", new LocalCalendar(ZoneId.of("Europe/Madrid"), HolidayCalendar.SPAIN, ""));
        known.put("IT", new LocalCalendar(ZoneId.of("Europe/Rome"), HolidayCalendar.ITALY, ""));
        return Map.copyOf(known);
    }

    private static void us(Map<String, LocalCalendar> known, String code, String zone, String state) {
        known.put(code, new LocalCalendar(ZoneId.of(zone), HolidayCalendar.UNITED_STATES, state));
    }

    /** The calendar of the jurisdiction, or of its nearest ancestor that has one. */
    public static LocalCalendar of(String jurisdiction) {
        for (String place : Jurisdictions.withAncestors(jurisdiction)) {
            LocalCalendar calendar = KNOWN.get(place);
            if (calendar != null) {
                return calendar;
            }
        }
        return UTC;
    }

    /** The local date at the instant. */
    public LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The instant the local day begins (midnight, or the first moment after a DST gap). */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Whether the day is a weekday that is not a public holiday here. */
    public boolean isBusinessDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
            return false;
        }
        if (calendar == null) {
            return true;
        }
        HolidayManager manager = MANAGERS.computeIfAbsent(calendar,
                c -> HolidayManager.getInstance(ManagerParameters.create(c)));
        return subdivision.isEmpty() ? !manager.isHoliday(day, HolidayType.PUBLIC_HOLIDAY)
                : !manager.isHoliday(day, HolidayType.PUBLIC_HOLIDAY, subdivision);
    }
}
