package io.forewarn.alerts.reminders;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.devices.DeviceScope;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.forewarn.contracts.service.CustomerReminder;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reads the customer reminders the stream job queued, newest first (blocking JDBC). */
public final class ReminderQueries {
    private static final String SELECT = "SELECT r.reminder_id, r.ticket_id, r.device_id, r.customer_id, r.language,"
            + " r.channel, r.status, r.created_at, r.title, r.what_we_found, r.why_it_matters, r.what_to_do,"
            + " r.how_to_book, r.kind, a.acknowledged_at FROM reminders r"
            + " LEFT JOIN reminder_acknowledgements a ON a.reminder_id = r.reminder_id";
    private static final Keyset ORDER = Keyset.newestFirst("r.created_at", "r.reminder_id");

    private ReminderQueries() {}

    /** Optional filters of the list; null means "any". */
    public record Filter(String status, String deviceId, String customerId) {}

    public static Page list(Connection connection, Caller caller, Filter filter, PageRequest page) throws SQLException {
        Select select = new Select(SELECT)
                .whereIfPresent("r.status = ?", filter.status())
                .whereIfPresent("r.device_id = ?", filter.deviceId())
                .whereIfPresent("r.customer_id = ?", filter.customerId());
        return ORDER.fetch(connection, inScope(select, caller), page, ReminderQueries::toJson);
    }

    /** Whether {@code caller} may see reminder {@code reminderId} (one outside their scope is as good as absent). */
    public static boolean isVisible(Connection connection, Caller caller, String reminderId) throws SQLException {
        Select select = inScope(new Select("SELECT r.reminder_id FROM reminders r").where("r.reminder_id = ?", reminderId),
                caller);
        try (PreparedStatement statement = select.prepare(connection, "");
                ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Records that the caller, the reminder's customer, has seen it; the first time counts, so acknowledging again
     * changes nothing. 404 when the reminder is not theirs.
     */
    public static JsonObject acknowledge(Connection connection, Caller caller, String reminderId, Instant now)
            throws SQLException {
        if (!isVisible(connection, caller, reminderId)) {
            throw ApiProblem.notFound("no reminder " + reminderId);
        }
        String insert = "INSERT INTO reminder_acknowledgements (reminder_id, customer_id, acknowledged_by,"
                + " acknowledged_at) SELECT r.reminder_id, r.customer_id, ?, ? FROM reminders r WHERE r.reminder_id = ?"
                + " ON CONFLICT (reminder_id) DO NOTHING";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, caller.username());
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setString(3, reminderId);
            statement.executeUpdate();
        }
        String select = "SELECT reminder_id, acknowledged_by, acknowledged_at FROM reminder_acknowledgements"
                + " WHERE reminder_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, reminderId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new JsonObject()
                        .put("reminderId", rs.getString("reminder_id"))
                        .put("acknowledgedBy", rs.getString("acknowledged_by"))
                        .put("acknowledgedAt", Rows.timestamp(rs, "acknowledged_at"));
            }
        }
    }

    private static Select inScope(Select select, Caller caller) {
        if (caller.role() == Role.TECHNICIAN) {
            // A technician sees the reminders of their own tickets, nothing else.
            return select.where("r.ticket_id IN (SELECT scope_t.ticket_id FROM tickets scope_t"
                    + " WHERE scope_t.assigned_technician = ?)", caller.technicianId());
        }
        return DeviceScope.restrict(select, "r.device_id", caller);
    }

    /** The reminder in the current row, shaped as {@link CustomerReminder}. */
    private static JsonObject toJson(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("schemaVersion", CustomerReminder.SCHEMA_VERSION)
                .put("reminderId", rs.getString("reminder_id"))
                .put("ticketId", rs.getString("ticket_id"))
                .put("deviceId", rs.getString("device_id"))
                .put("customerId", rs.getString("customer_id"))
                .put("language", rs.getString("language"))
                .put("channel", rs.getString("channel"))
                .put("status", rs.getString("status"))
                .put("createdAt", Rows.timestamp(rs, "created_at"))
                .put("title", rs.getString("title"))
                .put("whatWeFound", rs.getString("what_we_found"))
                .put("whyItMatters", rs.getString("why_it_matters"))
                .put("whatToDo", rs.getString("what_to_do"))
                .put("howToBook", rs.getString("how_to_book"))
                // MAINTENANCE, or SURVEY_INVITATION (V3__notifications.sql): an addition to the contract's fields.
                .put("kind", rs.getString("kind"))
                // When the customer said they have seen it (V6__bookings.sql); null until then.
                .put("acknowledgedAt", Rows.timestamp(rs, "acknowledged_at"));
    }
}
