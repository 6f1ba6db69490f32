package io.forewarn.alerts.tickets;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.http.ApiProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Work notes on tickets: append-only, readable by whoever may work the ticket (blocking JDBC). */
public final class TicketComments {
    private static final String COLUMNS = "comment_id, ticket_id, at, author, author_role, body";

    private final TicketQueries tickets;

    public TicketComments(TicketQueries tickets) {
        this.tickets = tickets;
    }

    /** The ticket's comments, oldest first; 404 when the caller may not see the ticket. */
    public JsonArray list(Connection connection, Caller caller, String ticketId) throws SQLException {
        requireVisible(connection, caller, ticketId);
        JsonArray comments = new JsonArray();
        String sql = "SELECT " + COLUMNS + " FROM ticket_comments WHERE ticket_id = ? ORDER BY comment_id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ticketId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    comments.add(toJson(rs));
                }
            }
        }
        return comments;
    }

    public JsonObject add(Connection connection, Caller caller, String ticketId, String body) throws SQLException {
        requireVisible(connection, caller, ticketId);
        String sql = "INSERT INTO ticket_comments (ticket_id, at, author, author_role, body) VALUES (?, ?, ?, ?, ?)"
                + " RETURNING " + COLUMNS;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ticketId);
            statement.setTimestamp(2, Timestamp.from(tickets.slaClock().now()));
            statement.setString(3, caller.username());
            statement.setString(4, caller.role().wireName());
            statement.setString(5, body);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return toJson(rs);
            }
        }
    }

    private void requireVisible(Connection connection, Caller caller, String ticketId) throws SQLException {
        if (tickets.find(connection, caller, ticketId, "").isEmpty()) {
            throw ApiProblem.notFound("no ticket " + ticketId);
        }
    }

    private static JsonObject toJson(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("commentId", rs.getLong("comment_id"))
                .put("ticketId", rs.getString("ticket_id"))
                .put("at", Rows.timestamp(rs, "at"))
                .put("author", rs.getString("author"))
                .put("authorRole", rs.getString("author_role"))
                .put("body", rs.getString("body"));
    }
}
