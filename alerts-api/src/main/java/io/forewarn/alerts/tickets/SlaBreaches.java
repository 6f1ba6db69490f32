package io.forewarn.alerts.tickets;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records broken SLA promises, each once, and lists them (blocking JDBC). */
public final class SlaBreaches {
    private static final String COLUMNS = "b.breach_id, b.ticket_id, b.clock, b.due_at, b.detected_at, t.priority,"
            + " t.status, t.device_id, t.product_model, t.assigned_technician, d.customer_id";
    private static final String JOINS = " JOIN tickets t ON t.ticket_id = b.ticket_id"
            + " LEFT JOIN devices d ON d.device_id = t.device_id";
    // The statement cannot see its own inserts in sla_breaches, so it reads them from the CTE named like the table.
    private static final String RECORD = "WITH found AS ("
            + found(SlaClock.Kind.FIRST_RESPONSE, "t.first_response_due")
            + " UNION ALL " + found(SlaClock.Kind.RESOLUTION, "t.resolution_due")
            + "), b AS (INSERT INTO sla_breaches (ticket_id, clock, due_at, detected_at)"
            + " SELECT ticket_id, clock, due_at, ? FROM found ON CONFLICT (ticket_id, clock) DO NOTHING"
            + " RETURNING breach_id, ticket_id, clock, due_at, detected_at)"
            + " SELECT " + COLUMNS + " FROM b" + JOINS;
    private static final String SELECT = "SELECT " + COLUMNS + " FROM sla_breaches b" + JOINS;
    private static final Keyset ORDER = Keyset.newestFirst("b.detected_at", "b.breach_id");

    private SlaBreaches() {}

    private static String found(SlaClock.Kind kind, String dueColumn) {
        return "SELECT t.ticket_id, '" + kind + "' AS clock, " + dueColumn + " AS due_at FROM tickets t WHERE "
                + SlaClock.breachedCondition(kind)
                + " AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.ticket_id = t.ticket_id AND b.clock = '"
                + kind + "')";
    }

    /**
     * Records every promise broken at {@code now} that is not recorded yet.
     *
     * @return the new breaches, as listed; they are the {@code SLA_BREACHED} payloads
     */
    public static List<JsonObject> record(Connection connection, Instant now) throws SQLException {
        List<JsonObject> recorded = new ArrayList<>();
        try (PreparedStatement statement = new Select(RECORD).prepare(connection, "", now, now, now);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                recorded.add(toJson(rs));
            }
        }
        return recorded;
    }

    /** Optional filters of the list; null means "any". */
    public record Filter(SlaClock.Kind clock, String priority) {}

    /** Recorded breaches of the tickets the caller may see, newest first. */
    public static Page list(Connection connection, Caller caller, Filter filter, PageRequest page) throws SQLException {
        Select select = TicketQueries.scoped(new Select(SELECT), caller)
                .whereIfPresent("b.clock = ?", filter.clock() == null ? null : filter.clock().name())
                .whereIfPresent("t.priority = ?", filter.priority());
        return ORDER.fetch(connection, select, page, SlaBreaches::toJson);
    }

    private static JsonObject toJson(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("breachId", rs.getString("breach_id"))
                .put("ticketId", rs.getString("ticket_id"))
                .put("clock", rs.getString("clock"))
                .put("dueAt", Rows.timestamp(rs, "due_at"))
                .put("detectedAt", Rows.timestamp(rs, "detected_at"))
                .put("priority", rs.getString("priority"))
                .put("status", rs.getString("status"))
                .put("deviceId", rs.getString("device_id"))
                .put("customerId", rs.getString("customer_id"))
                .put("productModel", rs.getString("product_model"))
                .put("assignedTechnician", rs.getString("assigned_technician"));
    }
}
