package io.forewarn.alerts.tickets;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.devices.DeviceScope;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads maintenance tickets with their SLA state and audit history (blocking JDBC). */
public final class TicketQueries {
    private static final String SELECT = "SELECT t.ticket_id, t.kind, t.device_id, t.product_model, t.failure_mode,"
            + " t.prediction_id, t.priority, t.status, t.opened_at, t.first_response_due, t.predicted_failure_at,"
            + " t.service_charge, t.required_skill, t.technician_actions, t.summary, t.assigned_technician,"
            + " t.updated_at,"
            + " (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = t.ticket_id AND e.to_status <> 'OPEN')"
            + " AS responded_at"
            + " FROM tickets t";
    private static final Keyset ORDER = Keyset.newestFirst("t.opened_at", "t.ticket_id");

    private final SlaClock slaClock;

    public TicketQueries(SlaClock slaClock) {
        this.slaClock = slaClock;
    }

    /** Optional filters of the list; null means "any". */
    public record Filter(String status, String priority, String productModel, String deviceId) {}

    public Page list(Connection connection, Caller caller, Filter filter, PageRequest page) throws SQLException {
        Select select = scoped(caller)
                .whereIfPresent("t.status = ?", filter.status())
                .whereIfPresent("t.priority = ?", filter.priority())
                .whereIfPresent("t.product_model = ?", filter.productModel())
                .whereIfPresent("t.device_id = ?", filter.deviceId());
        return ORDER.fetch(connection, select, page, this::toJson);
    }

    /** The ticket with its {@code history}, or empty when it does not exist or the caller may not see it. */
    public Optional<JsonObject> get(Connection connection, Caller caller, String ticketId) throws SQLException {
        Select select = scoped(caller).where("t.ticket_id = ?", ticketId);
        JsonObject ticket;
        try (PreparedStatement statement = select.prepare(connection, "");
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            ticket = toJson(rs);
        }
        return Optional.of(ticket.put("history", history(connection, ticketId)));
    }

    /** Tickets the caller may see: staff all, technicians those assigned to them, customers their devices'. */
    private static Select scoped(Caller caller) {
        Select select = new Select(SELECT);
        if (caller.role() == Role.TECHNICIAN) {
            return select.where("t.assigned_technician = ?", caller.technicianId());
        }
        return DeviceScope.restrict(select, "t.device_id", caller);
    }

    private static JsonArray history(Connection connection, String ticketId) throws SQLException {
        String sql = "SELECT event_id, at, actor, from_status, to_status, note FROM ticket_events"
                + " WHERE ticket_id = ? ORDER BY event_id";
        JsonArray events = new JsonArray();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ticketId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(new JsonObject()
                            .put("eventId", rs.getLong("event_id"))
                            .put("at", Rows.timestamp(rs, "at"))
                            .put("actor", rs.getString("actor"))
                            .put("fromStatus", rs.getString("from_status"))
                            .put("toStatus", rs.getString("to_status"))
                            .put("note", rs.getString("note")));
                }
            }
        }
        return events;
    }

    /** The ticket in the current row, shaped as {@link MaintenanceTicket} plus assignment and SLA state. */
    private JsonObject toJson(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        return new JsonObject()
                .put("schemaVersion", MaintenanceTicket.SCHEMA_VERSION)
                .put("ticketId", rs.getString("ticket_id"))
                .put("kind", rs.getString("kind"))
                .put("deviceId", rs.getString("device_id"))
                .put("productModel", rs.getString("product_model"))
                .put("failureMode", rs.getString("failure_mode"))
                .put("predictionId", rs.getString("prediction_id"))
                .put("priority", rs.getString("priority"))
                .put("status", status)
                .put("openedAt", Rows.timestamp(rs, "opened_at"))
                .put("firstResponseDue", Rows.timestamp(rs, "first_response_due"))
                .put("predictedFailureAt", Rows.timestamp(rs, "predicted_failure_at"))
                .put("serviceCharge", rs.getString("service_charge"))
                .put("requiredSkill", rs.getString("required_skill"))
                .put("technicianActions", Rows.jsonArray(rs, "technician_actions"))
                .put("summary", rs.getString("summary"))
                .put("assignedTechnician", rs.getString("assigned_technician"))
                .put("updatedAt", Rows.timestamp(rs, "updated_at"))
                .put("slaState", slaClock.state(Rows.instant(rs, "first_response_due"),
                        Rows.instant(rs, "responded_at"), status));
    }
}
