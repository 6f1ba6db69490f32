package io.forewarn.alerts.notifications;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.reminders.ReminderQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A reminder's deliveries, one per channel, each with every attempt (blocking JDBC). */
public final class DeliveryQueries {
    private DeliveryQueries() {}

    /** The reminder's status and deliveries; 404 when the reminder does not exist or is outside the caller's scope. */
    public static JsonObject deliveriesOf(Connection c, Caller caller, String reminderId) throws SQLException {
        if (!ReminderQueries.isVisible(c, caller, reminderId)) {
            throw ApiProblem.notFound("no reminder " + reminderId);
        }
        Map<Long, JsonObject> deliveries = new LinkedHashMap<>();
        String status;
        try (PreparedStatement st = c.prepareStatement("SELECT status FROM reminders WHERE reminder_id = ?")) {
            st.setString(1, reminderId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                status = rs.getString("status");
            }
        }
        String sql = """
                SELECT delivery_id, channel, state, attempts, next_attempt_at, held_until, hold_reason, sent_at,
                       failure_reason, last_error, created_at, updated_at
                FROM reminder_deliveries WHERE reminder_id = ? ORDER BY delivery_id""";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, reminderId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    DeliveryState state = DeliveryState.valueOf(rs.getString("state"));
                    deliveries.put(rs.getLong("delivery_id"), new JsonObject()
                            .put("deliveryId", rs.getLong("delivery_id"))
                            .put("channel", rs.getString("channel"))
                            .put("state", state.name())
                            .put("attemptCount", rs.getInt("attempts"))
                            // A final delivery is not due again, whatever a past claim left in the column.
                            .put("nextAttemptAt", state.isFinal() ? null : Rows.timestamp(rs, "next_attempt_at"))
                            .put("heldUntil", Rows.timestamp(rs, "held_until"))
                            .put("holdReason", rs.getString("hold_reason"))
                            .put("sentAt", Rows.timestamp(rs, "sent_at"))
                            .put("failureReason", rs.getString("failure_reason"))
                            .put("lastError", rs.getString("last_error"))
                            .put("createdAt", Rows.timestamp(rs, "created_at"))
                            .put("updatedAt", Rows.timestamp(rs, "updated_at"))
                            .put("attempts", new JsonArray()));
                }
            }
        }
        String attempts = """
                SELECT a.delivery_id, a.attempt, a.at, a.outcome, a.error FROM delivery_attempts a
                JOIN reminder_deliveries d ON d.delivery_id = a.delivery_id
                WHERE d.reminder_id = ? ORDER BY a.delivery_id, a.attempt""";
        try (PreparedStatement st = c.prepareStatement(attempts)) {
            st.setString(1, reminderId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    deliveries.get(rs.getLong("delivery_id")).getJsonArray("attempts").add(new JsonObject()
                            .put("attempt", rs.getInt("attempt"))
                            .put("at", Rows.timestamp(rs, "at"))
                            .put("outcome", rs.getString("outcome"))
                            .put("error", rs.getString("error")));
                }
            }
        }
        return new JsonObject()
                .put("reminderId", reminderId)
                .put("status", status)
                .put("deliveries", new JsonArray(new java.util.ArrayList<>(deliveries.values())));
    }
}
