package io.forewarn.alerts.kpis;

import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.tickets.SlaClock;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Service KPIs of the tickets opened in a period, computed in one SQL statement with bound parameters. Every figure
 * describes that cohort: its promises, its response and resolution times, its outcomes and its survey answers.
 */
public final class KpiQueries {
    private static final String RESOLVED = "t.status IN ('RESOLVED', 'CLOSED')";
    private static final String PREDICTED_AND_RESOLVED = "t.kind = 'PREDICTED_FAILURE' AND " + RESOLVED
            + " AND t.outcome IS NOT NULL";
    private static final String SQL = "WITH cohort AS ("
            + " SELECT t.*, p.detected_at,"
            + " EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.ticket_id AND e.to_status = 'REOPENED')"
            + " AS reopened"
            + " FROM tickets t LEFT JOIN predictions p ON p.prediction_id = t.prediction_id"
            + " WHERE t.opened_at >= ? AND t.opened_at < ?),"
            + " work AS (SELECT"
            + " count(*) AS opened,"
            + " count(*) FILTER (WHERE t.first_response_met IS TRUE) AS first_response_met,"
            + " count(*) FILTER (WHERE " + SlaClock.breachedCondition(SlaClock.Kind.FIRST_RESPONSE) + ")"
            + " AS first_response_missed,"
            + " count(*) FILTER (WHERE t.resolution_met IS TRUE) AS resolution_met,"
            + " count(*) FILTER (WHERE " + SlaClock.breachedCondition(SlaClock.Kind.RESOLUTION) + ")"
            + " AS resolution_missed,"
            + " avg(extract(epoch FROM t.first_responded_at - t.opened_at)) AS mean_respond,"
            + " avg(extract(epoch FROM t.resolved_at - t.opened_at)) FILTER (WHERE " + RESOLVED + ") AS mean_resolve,"
            + " count(*) FILTER (WHERE " + RESOLVED + ") AS resolved,"
            + " count(*) FILTER (WHERE " + RESOLVED + " AND NOT t.reopened) AS fixed_first_visit,"
            + " count(*) FILTER (WHERE " + PREDICTED_AND_RESOLVED + ") AS resolved_predicted,"
            + " count(*) FILTER (WHERE " + PREDICTED_AND_RESOLVED + " AND t.outcome = 'NO_FAULT_FOUND')"
            + " AS no_fault_found,"
            + " count(*) FILTER (WHERE " + PREDICTED_AND_RESOLVED + " AND t.outcome IN ('FAILURE_CONFIRMED',"
            + " 'PART_REPLACED') AND t.detected_at IS NOT NULL) AS confirmed,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.resolved_at - t.detected_at))"
            + " FILTER (WHERE " + PREDICTED_AND_RESOLVED + " AND t.outcome IN ('FAILURE_CONFIRMED', 'PART_REPLACED')"
            + " AND t.detected_at IS NOT NULL) AS median_lead"
            + " FROM cohort t),"
            + " answers AS (SELECT count(*) AS surveys, avg(s.csat) AS csat,"
            + " count(*) FILTER (WHERE s.nps >= 9) AS promoters,"
            + " count(*) FILTER (WHERE s.nps BETWEEN 7 AND 8) AS passives,"
            + " count(*) FILTER (WHERE s.nps <= 6) AS detractors"
            + " FROM satisfaction_surveys s JOIN cohort c ON c.ticket_id = s.ticket_id)"
            + " SELECT * FROM work CROSS JOIN answers";

    private KpiQueries() {}

    /**
     * @param from inclusive start of the period (tickets opened then)
     * @param to exclusive end
     * @param now when still-running clocks are judged: a promise whose due time has passed is missed
     */
    public static JsonObject compute(Connection connection, Instant from, Instant to, Instant now) throws SQLException {
        try (PreparedStatement statement = new Select(SQL).prepare(connection, "", from, to, now, now);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            long surveys = rs.getLong("surveys");
            long promoters = rs.getLong("promoters");
            long detractors = rs.getLong("detractors");
            return new JsonObject()
                    .put("from", from.toString())
                    .put("to", to.toString())
                    .put("ticketsOpened", rs.getLong("opened"))
                    .put("slaCompliance", new JsonObject()
                            .put("firstResponse", share("met", rs.getLong("first_response_met"),
                                    "missed", rs.getLong("first_response_missed")))
                            .put("resolution", share("met", rs.getLong("resolution_met"),
                                    "missed", rs.getLong("resolution_missed"))))
                    .put("meanTimeToRespondSeconds", seconds(rs, "mean_respond"))
                    .put("meanTimeToResolveSeconds", seconds(rs, "mean_resolve"))
                    .put("firstVisitFixRate", rate("fixedFirstVisit", rs.getLong("fixed_first_visit"),
                            "resolved", rs.getLong("resolved")))
                    .put("falseAlarmRate", rate("noFaultFound", rs.getLong("no_fault_found"),
                            "resolvedPredictions", rs.getLong("resolved_predicted")))
                    .put("medianPredictionLeadTimeSeconds", seconds(rs, "median_lead"))
                    .put("confirmedPredictions", rs.getLong("confirmed"))
                    .put("csat", new JsonObject()
                            .put("average", rs.getObject("csat") == null ? null : rs.getDouble("csat"))
                            .put("responses", surveys))
                    .put("nps", new JsonObject()
                            .put("score", surveys == 0 ? null : 100.0 * (promoters - detractors) / surveys)
                            .put("promoters", promoters)
                            .put("passives", rs.getLong("passives"))
                            .put("detractors", detractors)
                            .put("responses", surveys));
        }
    }

    /** {@code {met, missed, percent}}: percent met of the decided ones, null when none is decided. */
    private static JsonObject share(String yesName, long yes, String noName, long no) {
        return new JsonObject().put(yesName, yes).put(noName, no).put("percent", percent(yes, yes + no));
    }

    /** {@code {part, whole, percent}}: percent of the whole, null when the whole is empty. */
    private static JsonObject rate(String partName, long part, String wholeName, long whole) {
        return new JsonObject().put(partName, part).put(wholeName, whole).put("percent", percent(part, whole));
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }

    private static Long seconds(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : Math.round(((Number) value).doubleValue());
    }
}
