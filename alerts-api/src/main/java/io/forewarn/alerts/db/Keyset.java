package io.forewarn.alerts.db;

import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.Cursor;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Keyset pagination: a page continues strictly after the last row's sort key, so rows inserted meanwhile
 * never cause duplicates or gaps the way OFFSET would. The id is the tie-breaker, which makes the key unique.
 *
 * @param timeColumn qualified timestamptz column sorted newest first, or null to sort by id alone, ascending
 * @param idColumn qualified unique id column
 */
public record Keyset(String timeColumn, String idColumn) {

    /** Maps the current row to its JSON item. */
    @FunctionalInterface
    public interface RowMapper {
        JsonObject map(ResultSet rs) throws SQLException;
    }

    public static Keyset newestFirst(String timeColumn, String idColumn) {
        return new Keyset(timeColumn, idColumn);
    }

    public static Keyset byId(String idColumn) {
        return new Keyset(null, idColumn);
    }

    /** Runs {@code select} for the requested page; the select must include both sort columns. */
    public Page fetch(Connection connection, Select select, PageRequest page, RowMapper mapper) throws SQLException {
        if (page.cursor() != null) {
            continueAfter(select, page.cursor());
        }
        String order = timeColumn == null
                ? "ORDER BY " + idColumn + " ASC"
                : "ORDER BY " + timeColumn + " DESC, " + idColumn + " DESC";
        JsonArray items = new JsonArray();
        String next = null;
        // One row more than asked tells whether another page exists.
        try (PreparedStatement statement = select.prepare(connection, order + " LIMIT ?", page.limit() + 1);
                ResultSet rs = statement.executeQuery()) {
            String lastKey = null;
            while (rs.next()) {
                if (items.size() == page.limit()) {
                    next = lastKey;
                    break;
                }
                items.add(mapper.map(rs));
                lastKey = cursorOf(rs);
            }
        }
        return new Page(items, next);
    }

    private void continueAfter(Select select, String cursor) {
        if (timeColumn == null) {
            select.where(idColumn + " > ?", Cursor.decode(cursor, 1).get(0));
            return;
        }
        List<String> key = Cursor.decode(cursor, 2);
        Instant after;
        try {
            after = Instant.parse(key.get(0));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("cursor is not one this API issued; pass back nextCursor unchanged");
        }
        select.where("(" + timeColumn + ", " + idColumn + ") < (?, ?)", after, key.get(1));
    }

    private String cursorOf(ResultSet rs) throws SQLException {
        String id = rs.getString(label(idColumn));
        return timeColumn == null ? Cursor.encode(id) : Cursor.encode(Rows.instant(rs, label(timeColumn)).toString(), id);
    }

    private static String label(String qualifiedColumn) {
        return qualifiedColumn.substring(qualifiedColumn.indexOf('.') + 1);
    }
}
