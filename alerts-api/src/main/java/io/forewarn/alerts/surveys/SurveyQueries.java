package io.forewarn.alerts.surveys;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.forewarn.alerts.tickets.TicketQueries;
import io.forewarn.alerts.tickets.TicketStatus;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Satisfaction surveys: one answer per resolved ticket, by the customer of its device (blocking JDBC). */
public final class SurveyQueries {
    private static final String SELECT = "SELECT s.ticket_id, s.customer_id, s.answered_by, s.answered_at, s.csat,"
            + " s.nps, s.comment, t.device_id, t.assigned_technician"
            + " FROM satisfaction_surveys s JOIN tickets t ON t.ticket_id = s.ticket_id";
    private static final Keyset ORDER = Keyset.newestFirst("s.answered_at", "s.ticket_id");

    private SurveyQueries() {}

    /** A customer's answer. */
    public record Answer(int csat, int nps, String comment) {}

    /**
     * Stores the caller's answer for the ticket: 404 when it is not their device's ticket, 409 when the ticket is
     * not resolved or was answered already.
     */
    public static JsonObject answer(Connection connection, Caller caller, String ticketId, Answer answer, Instant now)
            throws SQLException {
        Select ticket = TicketQueries.scoped(new Select("SELECT t.status FROM tickets t"), caller)
                .where("t.ticket_id = ?", ticketId);
        String status;
        try (PreparedStatement statement = ticket.prepare(connection, "");
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw ApiProblem.notFound("no ticket " + ticketId);
            }
            status = rs.getString("status");
        }
        if (!TicketStatus.fromWire(status).isResolved()) {
            throw new ApiProblem(409, "Conflict", "ticket " + ticketId + " is " + status
                    + "; the survey opens once it is resolved");
        }
        String sql = "INSERT INTO satisfaction_surveys (ticket_id, customer_id, answered_by, answered_at, csat, nps,"
                + " comment) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ticketId);
            statement.setString(2, caller.customerId());
            statement.setString(3, caller.username());
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setInt(5, answer.csat());
            statement.setInt(6, answer.nps());
            statement.setString(7, answer.comment());
            if (statement.executeUpdate() == 0) {
                throw new ApiProblem(409, "Conflict", "the survey of ticket " + ticketId + " was answered already");
            }
        }
        return get(connection, caller, ticketId).orElseThrow();
    }

    /** The answer for a ticket the caller may see, if there is one. */
    public static Optional<JsonObject> get(Connection connection, Caller caller, String ticketId) throws SQLException {
        Select select = TicketQueries.scoped(new Select(SELECT), caller).where("s.ticket_id = ?", ticketId);
        try (PreparedStatement statement = select.prepare(connection, "");
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(toJson(rs)) : Optional.empty();
        }
    }

    /** Answers given in [from, to), newest first; either bound may be null. */
    public static Page list(Connection connection, Instant from, Instant to, PageRequest page) throws SQLException {
        Select select = new Select(SELECT)
                .whereIfPresent("s.answered_at >= ?", from)
                .whereIfPresent("s.answered_at < ?", to);
        return ORDER.fetch(connection, select, page, SurveyQueries::toJson);
    }

    private static JsonObject toJson(ResultSet rs) throws SQLException {
        return new JsonObject()
                .put("ticketId", rs.getString("ticket_id"))
                .put("customerId", rs.getString("customer_id"))
                .put("deviceId", rs.getString("device_id"))
                .put("technicianId", rs.getString("assigned_technician"))
                .put("answeredBy", rs.getString("answered_by"))
                .put("answeredAt", Rows.timestamp(rs, "answered_at"))
                .put("csat", rs.getInt("csat"))
                .put("nps", rs.getInt("nps"))
                .put("comment", rs.getString("comment"));
    }
}
