package io.forewarn.alerts.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A SELECT assembled from fixed SQL fragments written in this code base, with every value bound as a
 * parameter; user input never becomes SQL text.
 */
public final class Select {
    private final String from;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** @param from the column list and FROM clause, e.g. {@code "SELECT ... FROM tickets t"} */
    public Select(String from) {
        this.from = from;
    }

    /** Adds a condition; each {@code ?} in it takes the next of {@code boundValues}. */
    public Select where(String condition, Object... boundValues) {
        long placeholders = condition.chars().filter(c -> c == '?').count();
        if (placeholders != boundValues.length) {
            throw new IllegalArgumentException("condition '" + condition + "' has " + placeholders
                    + " placeholders but " + boundValues.length + " values");
        }
        conditions.add(condition);
        values.addAll(List.of(boundValues));
        return this;
    }

    /** Adds a single-value condition only when the (optional filter) value is present. */
    public Select whereIfPresent(String condition, Object value) {
        return value == null ? this : where(condition, value);
    }

    /** Prepares the statement with {@code tail} (ORDER BY / LIMIT, whose {@code ?} take {@code tailValues}). */
    public PreparedStatement prepare(Connection connection, String tail, Object... tailValues) throws SQLException {
        StringBuilder sql = new StringBuilder(from);
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(' ').append(tail);
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        int index = 1;
        for (Object value : values) {
            bind(statement, index++, value);
        }
        for (Object value : tailValues) {
            bind(statement, index++, value);
        }
        return statement;
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        // The PostgreSQL driver takes OffsetDateTime for timestamptz, not Instant.
        statement.setObject(index, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
    }
}
