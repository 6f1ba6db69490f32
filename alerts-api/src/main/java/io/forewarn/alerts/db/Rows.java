package io.forewarn.alerts.db;

import io.vertx.core.json.JsonArray;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reading typed values out of result rows, null-safe. */
public final class Rows {
    private Rows() {}

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An instant as RFC 3339 text, or null. */
    public static String timestamp(ResultSet rs, String column) throws SQLException {
        Instant value = instant(rs, column);
        return value == null ? null : value.toString();
    }

    public static String date(ResultSet rs, String column) throws SQLException {
        LocalDate value = rs.getObject(column, LocalDate.class);
        return value == null ? null : value.toString();
    }

    /** A JSONB array column as a JSON array (empty when null). */
    public static JsonArray jsonArray(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? new JsonArray() : new JsonArray(value);
    }
}
