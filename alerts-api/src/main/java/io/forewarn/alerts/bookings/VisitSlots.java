package io.forewarn.alerts.bookings;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The visit windows a customer may book: the morning (09:00–12:00) and the afternoon (13:00–17:00) of the next
 * {@value #WORKING_DAYS} working days (Monday to Friday) after today, in the customer's own time zone.
 */
public final class VisitSlots {
    /** How many working days ahead a customer may book. */
    public static final int WORKING_DAYS = 5;

    /** A part of a working day a technician can come in. */
    public enum Window {
        MORNING(LocalTime.of(9, 0), LocalTime.of(12, 0)),
        AFTERNOON(LocalTime.of(13, 0), LocalTime.of(17, 0));

        final LocalTime from;
        final LocalTime to;

        Window(LocalTime from, LocalTime to) {
            this.from = from;
            this.to = to;
        }
    }

    /** One window of one day, as instants and as the customer reads it. */
    public record Slot(LocalDate date, Window window, ZoneId zone, Instant start, Instant end) {
        static Slot of(LocalDate date, Window window, ZoneId zone) {
            return new Slot(date, window, zone, ZonedDateTime.of(date, window.from, zone).toInstant(),
                    ZonedDateTime.of(date, window.to, zone).toInstant());
        }

        /** "2025-06-02 09:00–12:00 Asia/Shanghai", for the ticket's history. */
        public String describe() {
            return date + " " + window.from + "–" + window.to + " " + zone.getId();
        }
    }

    private VisitSlots() {}

    /** The windows offered at {@code now} to a customer in {@code zone}, earliest first. */
    public static List<Slot> offered(Instant now, ZoneId zone) {
        List<Slot> slots = new ArrayList<>();
        LocalDate day = now.atZone(zone).toLocalDate();
        while (slots.size() < WORKING_DAYS * Window.values().length) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (Window window : Window.values()) {
                slots.add(Slot.of(day, window, zone));
            }
        }
        return slots;
    }

    /** The customer's zone, or UTC when what is stored is not a zone id (the customer did not choose one). */
    public static ZoneId zoneOf(String timeZone) {
        try {
            return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
