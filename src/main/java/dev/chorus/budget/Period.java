package dev.chorus.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A budget period in the bot's time zone. Periods begin at local midnight (of the day, of Monday,
 * of the 1st); {@code atStartOfDay} keeps that right across daylight-saving changes, where a day
 * can have 23 or 25 hours.
 */
public enum Period {
    DAY, WEEK, MONTH;

    public static Period of(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The start of the period that contains {@code now}. */
    public ZonedDateTime start(Instant now, ZoneId zone) {
        return firstDay(LocalDate.ofInstant(now, zone)).atStartOfDay(zone);
    }

    /** When the period that contains {@code now} ends and the next begins. */
    public ZonedDateTime next(Instant now, ZoneId zone) {
        LocalDate first = firstDay(LocalDate.ofInstant(now, zone));
        LocalDate next = switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
        };
        return next.atStartOfDay(zone);
    }

    /** "today", "this week", "this month". */
    public String current() {
        return this == DAY ? "today" : "this " + key();
    }

    private LocalDate firstDay(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }
}
