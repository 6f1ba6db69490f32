package io.forewarn.alerts.bookings;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.db.Transactions;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.tickets.TicketQueries;
import io.forewarn.alerts.tickets.TicketStatus;
import io.forewarn.alerts.tickets.TicketWorkflow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Visits booked by customers: the slots offered for a ticket with the room left in each, the current booking, and
 * booking, moving and cancelling it (blocking JDBC). Every change is appended to the ticket's history.
 *
 * <p>Capacity, kept simple: a technician makes one visit per slot, so a ticket assigned to a technician can take a
 * slot only while that technician has no other visit booked in it; an unassigned ticket can take a slot while fewer
 * visits are booked in it in the device's region than the region has technicians (at least one).
 */
public final class BookingQueries {
    private static final String TARGET = "SELECT t.ticket_id, t.status, t.assigned_technician, t.predicted_failure_at,"
            + " d.region, d.customer_id, cu.time_zone FROM tickets t"
            + " JOIN devices d ON d.device_id = t.device_id JOIN customers cu ON cu.customer_id = d.customer_id";
    private static final String BOOKING = "SELECT b.ticket_id, b.customer_id, b.status, b.slot_window, b.local_date,"
            + " b.time_zone, b.slot_start, b.slot_end, b.booked_by, b.booked_at, b.updated_at, t.assigned_technician,"
            + " t.device_id FROM bookings b JOIN tickets t ON t.ticket_id = b.ticket_id";
    /** Serialises booking changes, so two customers cannot both take the last place in a slot. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('forewarn.bookings'))";

    private BookingQueries() {}

    /** The ticket a booking is for, with what the slots depend on. */
    private record Target(String ticketId, TicketStatus status, String technicianId, Instant predictedFailureAt,
            String region, String customerId, ZoneId zone) {}

    /**
     * A booking change.
     *
     * @param booking the booking as it is now
     * @param created whether the ticket had no active booking before
     * @param changed false when nothing was written (the same slot booked again, a cancelled booking cancelled again)
     */
    public record Change(JsonObject booking, boolean created, boolean changed) {}

    /** The slots offered for a ticket the caller may see, each with whether it has room and is before the failure. */
    public static JsonObject slots(Connection c, Caller caller, String ticketId, Instant now) throws SQLException {
        Target target = target(c, caller, ticketId, "");
        List<VisitSlots.Slot> offered = VisitSlots.offered(now, target.zone());
        Map<Instant, Integer> taken = taken(c, target, offered);
        int capacity = capacity(c, target);
        JsonArray items = new JsonArray();
        for (VisitSlots.Slot slot : offered) {
            items.add(slotJson(slot)
                    .put("available", taken.getOrDefault(slot.start(), 0) < capacity)
                    .put("beforePredictedFailure", target.predictedFailureAt() == null
                            || !slot.end().isAfter(target.predictedFailureAt())));
        }
        return new JsonObject()
                .put("ticketId", ticketId)
                .put("bookable", !target.status().isResolved())
                .put("timeZone", target.zone().getId())
                .put("predictedFailureAt", Objects.toString(target.predictedFailureAt(), null))
                .put("technicianId", target.technicianId())
                .put("capacity", capacity)
                .put("items", items);
    }

    /** The booking (active or cancelled) of a ticket the caller may see. */
    public static Optional<JsonObject> get(Connection c, Caller caller, String ticketId) throws SQLException {
        target(c, caller, ticketId, "");
        return booking(c, ticketId);
    }

    /**
     * Books the slot starting at {@code slotStart} for the caller's ticket, or moves the booking there. Booking the
     * slot already booked changes nothing. 409 when the ticket is resolved, the slot is not offered or is full.
     */
    public static Change book(Connection connection, Caller caller, String ticketId, Instant slotStart, Instant now)
            throws SQLException {
        return Transactions.run(connection, c -> {
            Target target = lockTarget(c, caller, ticketId);
            Optional<JsonObject> current = booking(c, ticketId);
            boolean active = current.isPresent() && "BOOKED".equals(current.get().getString("status"));
            if (active && Instant.parse(current.get().getJsonObject("slot").getString("start")).equals(slotStart)) {
                return new Change(current.get(), false, false);
            }
            requireOpen(target);
            List<VisitSlots.Slot> offered = VisitSlots.offered(now, target.zone());
            VisitSlots.Slot slot = offered.stream().filter(s -> s.start().equals(slotStart)).findFirst()
                    .orElseThrow(() -> notOffered(slotStart, offered));
            if (taken(c, target, List.of(slot)).getOrDefault(slot.start(), 0) >= capacity(c, target)) {
                throw new ApiProblem(409, "Conflict", "the slot " + slot.describe() + " is fully booked; choose another"
                        + " from GET /api/v1/tickets/" + ticketId + "/booking/slots");
            }
            update(c, """
                    INSERT INTO bookings (ticket_id, customer_id, status, slot_window, local_date, time_zone,
                        slot_start, slot_end, booked_by, booked_at, updated_at)
                    VALUES (?, ?, 'BOOKED', ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (ticket_id) DO UPDATE SET status = 'BOOKED', slot_window = EXCLUDED.slot_window,
                        local_date = EXCLUDED.local_date, time_zone = EXCLUDED.time_zone,
                        slot_start = EXCLUDED.slot_start, slot_end = EXCLUDED.slot_end, booked_by = EXCLUDED.booked_by,
                        booked_at = EXCLUDED.booked_at, updated_at = EXCLUDED.updated_at""",
                    ticketId, target.customerId(), slot.window().name(), slot.date(), slot.zone().getId(),
                    Timestamp.from(slot.start()), Timestamp.from(slot.end()), caller.username(), Timestamp.from(now),
                    Timestamp.from(now));
            String note = active
                    ? "visit moved from " + describe(current.get()) + " to " + slot.describe()
                    : "visit booked for " + slot.describe();
            appendHistory(c, target, caller, now, note);
            return new Change(booking(c, ticketId).orElseThrow(), !active, true);
        });
    }

    /** Cancels the caller's booking of a ticket; cancelling a cancelled booking changes nothing; 404 without one. */
    public static Change cancel(Connection connection, Caller caller, String ticketId, Instant now)
            throws SQLException {
        return Transactions.run(connection, c -> {
            Target target = lockTarget(c, caller, ticketId);
            JsonObject current = booking(c, ticketId)
                    .orElseThrow(() -> ApiProblem.notFound("ticket " + ticketId + " has no booked visit"));
            if ("CANCELLED".equals(current.getString("status"))) {
                return new Change(current, false, false);
            }
            requireOpen(target);
            update(c, "UPDATE bookings SET status = 'CANCELLED', booked_by = ?, updated_at = ? WHERE ticket_id = ?",
                    caller.username(), Timestamp.from(now), ticketId);
            appendHistory(c, target, caller, now, "visit cancelled (was " + describe(current) + ")");
            return new Change(booking(c, ticketId).orElseThrow(), false, true);
        });
    }

    private static Target lockTarget(Connection c, Caller caller, String ticketId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.execute();
        }
        return target(c, caller, ticketId, "FOR UPDATE OF t");
    }

    private static Target target(Connection c, Caller caller, String ticketId, String tail) throws SQLException {
        Select select = TicketQueries.scoped(new Select(TARGET), caller).where("t.ticket_id = ?", ticketId);
        try (PreparedStatement statement = select.prepare(c, tail);
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw ApiProblem.notFound("no ticket " + ticketId);
            }
            return new Target(ticketId, TicketStatus.fromWire(rs.getString("status")),
                    rs.getString("assigned_technician"), Rows.instant(rs, "predicted_failure_at"),
                    rs.getString("region"), rs.getString("customer_id"),
                    VisitSlots.zoneOf(rs.getString("time_zone")));
        }
    }

    /** A resolved ticket's visit is over: its booking no longer changes (and its history's clocks stay stopped). */
    private static void requireOpen(Target target) {
        if (target.status().isResolved()) {
            throw new ApiProblem(409, "Conflict", "ticket " + target.ticketId() + " is " + target.status()
                    + "; visits are booked while a ticket is open").with("currentStatus", target.status().name());
        }
    }

    private static ApiProblem notOffered(Instant slotStart, List<VisitSlots.Slot> offered) {
        JsonArray starts = new JsonArray();
        offered.forEach(slot -> starts.add(slot.start().toString()));
        return new ApiProblem(409, "Conflict", slotStart + " is not the start of an offered slot; offered now: "
                + offered.get(0).describe() + " to " + offered.get(offered.size() - 1).describe())
                .with("offered", starts);
    }

    /** Visits booked in {@code slots} by the other tickets that share this ticket's technician, or its region. */
    private static Map<Instant, Integer> taken(Connection c, Target target, List<VisitSlots.Slot> slots)
            throws SQLException {
        boolean byTechnician = target.technicianId() != null;
        String sql = "SELECT b.slot_start, count(*) AS visits FROM bookings b"
                + " JOIN tickets t ON t.ticket_id = b.ticket_id JOIN devices d ON d.device_id = t.device_id"
                + " WHERE b.status = 'BOOKED' AND b.ticket_id <> ? AND b.slot_start >= ? AND b.slot_start <= ? AND "
                + (byTechnician ? "t.assigned_technician = ?" : "d.region = ?")
                + " GROUP BY b.slot_start";
        Map<Instant, Integer> taken = new HashMap<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, target.ticketId());
            statement.setTimestamp(2, Timestamp.from(slots.get(0).start()));
            statement.setTimestamp(3, Timestamp.from(slots.get(slots.size() - 1).start()));
            statement.setString(4, byTechnician ? target.technicianId() : target.region());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    taken.put(Rows.instant(rs, "slot_start"), rs.getInt("visits"));
                }
            }
        }
        return taken;
    }

    /** Visits a slot holds for this ticket: one for its technician, else one per technician of the region. */
    private static int capacity(Connection c, Target target) throws SQLException {
        if (target.technicianId() != null) {
            return 1;
        }
        try (PreparedStatement statement = c.prepareStatement("SELECT count(*) FROM technicians WHERE region = ?")) {
            statement.setString(1, target.region());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return Math.max(1, rs.getInt(1));
            }
        }
    }

    private static Optional<JsonObject> booking(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(BOOKING + " WHERE b.ticket_id = ?")) {
            statement.setString(1, ticketId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ZoneId zone = VisitSlots.zoneOf(rs.getString("time_zone"));
                VisitSlots.Slot slot = new VisitSlots.Slot(rs.getObject("local_date", LocalDate.class),
                        VisitSlots.Window.valueOf(rs.getString("slot_window")), zone, Rows.instant(rs, "slot_start"),
                        Rows.instant(rs, "slot_end"));
                return Optional.of(new JsonObject()
                        .put("ticketId", rs.getString("ticket_id"))
                        .put("customerId", rs.getString("customer_id"))
                        .put("deviceId", rs.getString("device_id"))
                        .put("technicianId", rs.getString("assigned_technician"))
                        .put("status", rs.getString("status"))
                        .put("slot", slotJson(slot))
                        .put("bookedBy", rs.getString("booked_by"))
                        .put("bookedAt", Rows.timestamp(rs, "booked_at"))
                        .put("updatedAt", Rows.timestamp(rs, "updated_at")));
            }
        }
    }

    private static JsonObject slotJson(VisitSlots.Slot slot) {
        return new JsonObject()
                .put("start", slot.start().toString())
                .put("end", slot.end().toString())
                .put("date", slot.date().toString())
                .put("window", slot.window().name())
                .put("timeZone", slot.zone().getId());
    }

    private static String describe(JsonObject booking) {
        JsonObject slot = booking.getJsonObject("slot");
        return VisitSlots.Slot.of(LocalDate.parse(slot.getString("date")),
                VisitSlots.Window.valueOf(slot.getString("window")), ZoneId.of(slot.getString("timeZone"))).describe();
    }

    /** The ticket's status does not change: the entry records who booked what, and when. */
    private static void appendHistory(Connection c, Target target, Caller caller, Instant at, String note)
            throws SQLException {
        TicketWorkflow.appendEvent(c, target.ticketId(), at, caller.username(), target.status(), target.status(), note,
                target.technicianId());
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
