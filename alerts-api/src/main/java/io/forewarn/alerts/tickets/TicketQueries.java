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
import java.time.Instant;
import java.util.Optional;

/** Reads maintenance tickets with their SLA state and audit history (blocking JDBC). */
public final class TicketQueries {
    private static final String SELECT = "SELECT t.ticket_id, t.kind, t.device_id, t.product_model, t.failure_mode,"
            + " t.prediction_id, t.priority, t.status, t.opened_at, t.first_response_due, t.predicted_failure_at,"
            + " t.service_charge, t.required_skill, t.technician_actions, t.summary, t.assigned_technician,"
            + " t.updated_at, t.version, t.resolution_due, t.first_responded_at, t.first_response_met, t.resolved_at,"
            + " t.resolution_met, t.outcome, t.outcome_part, d.region, d.customer_id"
            + " FROM tickets t LEFT JOIN devices d ON d.device_id = t.device_id";
    private static final Keyset ORDER = Keyset.newestFirst("t.opened_at", "t.ticket_id");

    private final SlaClock slaClock;

    public TicketQueries(SlaClock slaClock) {
        this.slaClock = slaClock;
    }

    public SlaClock slaClock() {
        return slaClock;
    }

    /**
     * Optional filters of the list; null means "any".
     *
     * @param openedFrom inclusive
     * @param openedTo exclusive
     */
    public record Filter(String status, String priority, String productModel, String deviceId, String region,
            SlaClock.State slaState, Instant openedFrom, Instant openedTo, String technicianId) {

        public Filter(String status, String priority, String productModel, String deviceId) {
            this(status, priority, productModel, deviceId, null, null, null, null, null);
        }
    }

    public Page list(Connection connection, Caller caller, Filter filter, PageRequest page) throws SQLException {
        Select select = scoped(caller)
                .whereIfPresent("t.status = ?", filter.status())
                .whereIfPresent("t.priority = ?", filter.priority())
                .whereIfPresent("t.product_model = ?", filter.productModel())
                .whereIfPresent("t.device_id = ?", filter.deviceId())
                .whereIfPresent("d.region = ?", filter.region())
                .whereIfPresent("t.opened_at >= ?", filter.openedFrom())
                .whereIfPresent("t.opened_at < ?", filter.openedTo())
                .whereIfPresent("t.assigned_technician = ?", filter.technicianId());
        if (filter.slaState() != null) {
            SlaClock.whereState(select, filter.slaState(), slaClock.now());
        }
        return ORDER.fetch(connection, select, page, this::toJson);
    }

    /** The ticket with its {@code history}, or empty when it does not exist or the caller may not see it. */
    public Optional<JsonObject> get(Connection connection, Caller caller, String ticketId) throws SQLException {
        Optional<JsonObject> ticket = find(connection, caller, ticketId, "");
        if (ticket.isPresent()) {
            ticket.get().put("history", history(connection, ticketId));
        }
        return ticket;
    }

    /**
     * The ticket without history; with {@code FOR UPDATE} it stays locked until the caller's transaction ends.
     *
     * @param tail "" or "FOR UPDATE OF t"
     */
    Optional<JsonObject> find(Connection connection, Caller caller, String ticketId, String tail) throws SQLException {
        Select select = scoped(caller).where("t.ticket_id = ?", ticketId);
        try (PreparedStatement statement = select.prepare(connection, tail);
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(toJson(rs)) : Optional.empty();
        }
    }

    /** Tickets the caller may see: staff all, technicians those assigned to them, customers their devices'. */
    static Select scoped(Caller caller) {
        return scoped(new Select(SELECT), caller);
    }

    /** Restricts a select over {@code tickets t} to the caller's tickets. */
    public static Select scoped(Select select, Caller caller) {
        if (caller.role() == Role.TECHNICIAN) {
            return select.where("t.assigned_technician = ?", caller.technicianId());
        }
        return DeviceScope.restrict(select, "t.device_id", caller);
    }

    private static JsonArray history(Connection connection, String ticketId) throws SQLException {
        String sql = "SELECT event_id, at, actor, from_status, to_status, note, technician_id FROM ticket_events"
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
                            .put("note", rs.getString("note"))
                            .put("technicianId", rs.getString("technician_id")));
                }
            }
        }
        return events;
    }

    /** The ticket in the current row, shaped as {@link MaintenanceTicket} plus workflow and SLA state. */
    private JsonObject toJson(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        SlaClock.Times times = new SlaClock.Times(status, Rows.instant(rs, "opened_at"),
                Rows.instant(rs, "first_response_due"), Rows.instant(rs, "first_responded_at"),
                (Boolean) rs.getObject("first_response_met"), Rows.instant(rs, "resolution_due"),
                Rows.instant(rs, "resolved_at"), (Boolean) rs.getObject("resolution_met"));
        return new JsonObject()
                .put("schemaVersion", MaintenanceTicket.SCHEMA_VERSION)
                .put("ticketId", rs.getString("ticket_id"))
                .put("kind", rs.getString("kind"))
                .put("deviceId", rs.getString("device_id"))
                .put("customerId", rs.getString("customer_id"))
                .put("region", rs.getString("region"))
                .put("productModel", rs.getString("product_model"))
                .put("failureMode", rs.getString("failure_mode"))
                .put("predictionId", rs.getString("prediction_id"))
                .put("priority", rs.getString("priority"))
                .put("status", status)
                .put("version", rs.getInt("version"))
                .put("openedAt", Rows.timestamp(rs, "opened_at"))
                .put("firstResponseDue", Rows.timestamp(rs, "first_response_due"))
                .put("resolutionDue", Rows.timestamp(rs, "resolution_due"))
                .put("resolvedAt", Rows.timestamp(rs, "resolved_at"))
                .put("predictedFailureAt", Rows.timestamp(rs, "predicted_failure_at"))
                .put("serviceCharge", rs.getString("service_charge"))
                .put("requiredSkill", rs.getString("required_skill"))
                .put("technicianActions", Rows.jsonArray(rs, "technician_actions"))
                .put("summary", rs.getString("summary"))
                .put("assignedTechnician", rs.getString("assigned_technician"))
                .put("outcome", rs.getString("outcome"))
                .put("outcomePart", rs.getString("outcome_part"))
                .put("updatedAt", Rows.timestamp(rs, "updated_at"))
                .put("slaState", slaClock.state(times));
    }
}
