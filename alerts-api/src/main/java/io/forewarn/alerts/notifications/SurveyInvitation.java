package io.forewarn.alerts.notifications;

import io.forewarn.contracts.service.DeterministicIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * The notice that asks a customer to rate a visit once its ticket is resolved, queued as a reminder of kind
 * {@link NoticeKind#SURVEY_INVITATION} so it travels the customer's channels like any other notice. One per ticket:
 * a ticket resolved again after a reopening does not ask twice.
 */
final class SurveyInvitation {
    private SurveyInvitation() {}

    /** Where the web app shows the survey of {@code ticketId}. */
    static String link(String publicUrl, String ticketId) {
        return publicUrl + "/app/#/survey/" + ticketId;
    }

    static String idFor(String ticketId) {
        return DeterministicIds.of("survey-invitation", ticketId);
    }

    /**
     * Queues the invitation for {@code ticketId} in its customer's language; returns its reminder id, or null when
     * the ticket or its device is unknown or the invitation was queued before.
     *
     * @param productName the product's name in a language (en or zh), for the text
     */
    static String queue(Connection c, String ticketId, String publicUrl, Function<String, String> productName, Instant now)
            throws SQLException {
        String sql = """
                SELECT t.device_id, d.customer_id, cu.language, COALESCE(cu.channels[1], 'EMAIL') AS channel
                FROM tickets t JOIN devices d ON d.device_id = t.device_id
                JOIN customers cu ON cu.customer_id = d.customer_id
                WHERE t.ticket_id = ?""";
        String deviceId;
        String customerId;
        String language;
        String channel;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, ticketId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                deviceId = rs.getString("device_id");
                customerId = rs.getString("customer_id");
                language = "zh".equals(rs.getString("language")) ? "zh" : "en";
                channel = rs.getString("channel");
            }
        }
        Texts texts = Texts.of(language, productName.apply(language), link(publicUrl, ticketId));
        String id = idFor(ticketId);
        String insert = """
                INSERT INTO reminders (reminder_id, ticket_id, device_id, customer_id, language, channel, status,
                    created_at, title, what_we_found, why_it_matters, what_to_do, how_to_book, kind)
                VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, 'SURVEY_INVITATION')
                ON CONFLICT (reminder_id) DO NOTHING""";
        try (PreparedStatement st = c.prepareStatement(insert)) {
            Object[] values = {id, ticketId, deviceId, customerId, language, channel, now.atOffset(ZoneOffset.UTC),
                    texts.title(), texts.done(), texts.why(), texts.ask(), texts.where()};
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            return st.executeUpdate() == 1 ? id : null;
        }
    }

    /** The invitation's four paragraphs, stored in the reminder's four text columns. */
    record Texts(String title, String done, String why, String ask, String where) {
        static Texts of(String language, String product, String link) {
            if ("zh".equals(language)) {
                return new Texts("我们的上门服务您满意吗？",
                        "我们的技术人员已完成您的" + product + "的服务。",
                        "您的评价能告诉我们这次服务是否解决了问题，并帮助我们改进。",
                        "请为本次服务打分：满意度（1–5分），以及您向他人推荐我们的可能性（0–10分）。只需一分钟。",
                        "请在 " + link + " 评价本次服务。");
            }
            return new Texts("How did our service visit go?",
                    "Our technician has finished the service on your " + product + ".",
                    "Your rating tells us whether the visit solved the problem, and helps us do better.",
                    "Please rate the visit: how satisfied you are (1–5) and how likely you are to recommend us (0–10)."
                            + " It takes a minute.",
                    "Rate the service at " + link + ".");
        }
    }
}
