package io.forewarn.alerts.deadletters;

import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/** Reads the telemetry the ingest rejected, for operators (blocking JDBC; staff only, checked by the routes). */
public final class DeadLetterQueries {
    private static final String SELECT = "SELECT l.dead_letter_id, l.received_at, l.topic, l.device_id, l.reason,"
            + " l.field, l.detail, l.payload FROM dead_letters l";
    private static final Keyset ORDER = Keyset.newestFirst("l.received_at", "l.dead_letter_id");

    private DeadLetterQueries() {}

    public static Page list(Connection connection, String reason, PageRequest page) throws SQLException {
        Select select = new Select(SELECT).whereIfPresent("l.reason = ?", reason);
        return ORDER.fetch(connection, select, page, DeadLetterQueries::toJson);
    }

    /** {@code {total, reasons: [{reason, count, lastReceivedAt}]}}, the most frequent reason first. */
    public static JsonObject summary(Connection connection) throws SQLException {
        String sql = "SELECT reason, count(*) AS n, max(received_at) AS last_received_at FROM dead_letters"
                + " GROUP BY reason ORDER BY n DESC, reason";
        JsonArray reasons = new JsonArray();
        long total = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                long count = rs.getLong("n");
                total += count;
                reasons.add(new JsonObject()
                        .put("reason", rs.getString("reason"))
                        .put("count", count)
                        .put("lastReceivedAt", Rows.timestamp(rs, "last_received_at")));
            }
        }
        return new JsonObject().put("total", total).put("reasons", reasons);
    }

    private static JsonObject toJson(ResultSet rs) throws SQLException {
        byte[] payload = rs.getBytes("payload");
        return new JsonObject()
                .put("deadLetterId", rs.getString("dead_letter_id"))
                .put("receivedAt", Rows.timestamp(rs, "received_at"))
                .put("topic", rs.getString("topic"))
                .put("deviceId", rs.getString("device_id"))
                .put("reason", rs.getString("reason"))
                .put("field", rs.getString("field"))
                .put("detail", rs.getString("detail"))
                .put("payloadBase64", Base64.getEncoder().encodeToString(payload))
                .put("payloadText", textOrNull(payload));
    }

    /** The payload as text when it is valid UTF-8 (most rejected telemetry is JSON), else null. */
    private static String textOrNull(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
