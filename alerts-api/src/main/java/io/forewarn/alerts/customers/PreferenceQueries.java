package io.forewarn.alerts.customers;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.http.ApiProblem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the notification preferences kept on {@code customers} (blocking JDBC). A customer reaches only
 * their own; planners and admins anyone's; everyone else finds nothing (404).
 */
public final class PreferenceQueries {
    private PreferenceQueries() {}

    public static NotificationPreferences get(Connection c, Caller caller, String customerId) throws SQLException {
        requireInScope(caller, customerId);
        String sql = "SELECT customer_id, channels, quiet_start, quiet_end, time_zone, language, max_notices_per_week"
                + " FROM customers WHERE customer_id = ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw notFound(customerId);
                }
                return new NotificationPreferences(rs.getString("customer_id"), channels(rs.getArray("channels")),
                        rs.getObject("quiet_start", LocalTime.class), rs.getObject("quiet_end", LocalTime.class),
                        rs.getString("time_zone"), rs.getString("language"), rs.getInt("max_notices_per_week"));
            }
        }
    }

    /** Replaces the customer's preferences; returns them as stored. */
    public static NotificationPreferences put(Connection c, Caller caller, NotificationPreferences prefs) throws SQLException {
        requireInScope(caller, prefs.customerId());
        String sql = "UPDATE customers SET channels = ?, quiet_start = ?, quiet_end = ?, time_zone = ?, language = ?,"
                + " max_notices_per_week = ? WHERE customer_id = ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", prefs.channels().toArray()));
            st.setTime(2, prefs.quietStart() == null ? null : Time.valueOf(prefs.quietStart()));
            st.setTime(3, prefs.quietEnd() == null ? null : Time.valueOf(prefs.quietEnd()));
            st.setString(4, prefs.timeZone());
            st.setString(5, prefs.language());
            st.setInt(6, prefs.maxNoticesPerWeek());
            st.setString(7, prefs.customerId());
            if (st.executeUpdate() == 0) {
                throw notFound(prefs.customerId());
            }
        }
        return get(c, caller, prefs.customerId());
    }

    // Checked before any query, so another customer's id answers exactly like one that does not exist.
    private static void requireInScope(Caller caller, String customerId) {
        boolean visible = switch (caller.role()) {
            case ADMIN, PLANNER -> true;
            case CUSTOMER -> customerId.equals(caller.customerId());
            case TECHNICIAN -> false;
        };
        if (!visible) {
            throw notFound(customerId);
        }
    }

    private static ApiProblem notFound(String customerId) {
        return ApiProblem.notFound("no customer " + customerId);
    }

    private static List<String> channels(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
