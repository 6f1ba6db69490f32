package io.forewarn.alerts.notifications;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The daily period, in the customer's own time zone, when no notice goes out: from {@code start} (inclusive) to
 * {@code end} (exclusive). When start is after end the period spans midnight (22:00–07:00).
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    public QuietHours {
        if (start == null || end == null || zone == null) {
            throw new IllegalArgumentException("quiet hours need a start, an end and a time zone");
        }
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time (" + start + ")");
        }
    }

    /** The customer's quiet hours, or null when they have none (start or end unset). */
    public static QuietHours of(LocalTime start, LocalTime end, ZoneId zone) {
        return start == null || end == null || start.equals(end) ? null : new QuietHours(start, end, zone);
    }

    public boolean spansMidnight() {
        return start.isAfter(end);
    }

    public boolean contains(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        return spansMidnight()
                ? !local.isBefore(start) || local.isBefore(end)
                : !local.isBefore(start) && local.isBefore(end);
    }

    /** When the quiet period around {@code instant} ends, or null when {@code instant} is not in one. */
    public Instant endAfter(Instant instant) {
        if (!contains(instant)) {
            return null;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalDate day = local.toLocalDate();
        // Before midnight in a period that spans it, the period ends tomorrow.
        if (spansMidnight() && !local.toLocalTime().isBefore(start)) {
            day = day.plusDays(1);
        }
        // ZonedDateTime.of moves an end that falls into a daylight-saving gap to just after it.
        return ZonedDateTime.of(day, end, zone).toInstant();
    }
}
