package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/reminders/{id}/deliveries}: every channel and attempt, under the reminder's tenancy. */
class ReminderDeliveriesApiTest {
    private final TestApi api = TestApi.get();

    /** rem-1 (Alice's, on Tom's ticket tk-1) went out by e-mail on the second try; its device notice had no broker. */
    @BeforeAll
    static void recordDeliveriesOfRem1() throws Exception {
        TestApi api = TestApi.get();
        try (Connection c = api.dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM reminder_deliveries WHERE reminder_id = 'rem-1'")) {
                if (exists.executeQuery().next()) {
                    return;
                }
            }
            Timestamp created = Timestamp.from(SeedData.NOW.minus(Duration.ofHours(47)));
            Timestamp retried = Timestamp.from(SeedData.NOW.minus(Duration.ofHours(46)));
            exec(c, "INSERT INTO reminder_deliveries (delivery_id, reminder_id, customer_id, channel, state, attempts,"
                    + " sent_at, created_at, updated_at) VALUES (9001, 'rem-1', ?, 'EMAIL', 'SENT', 2, ?, ?, ?)",
                    SeedData.ALICE, retried, created, retried);
            exec(c, "INSERT INTO reminder_deliveries (delivery_id, reminder_id, customer_id, channel, state, attempts,"
                    + " failure_reason, last_error, created_at, updated_at)"
                    + " VALUES (9002, 'rem-1', ?, 'DEVICE', 'FAILED', 1, 'CHANNEL_NOT_CONFIGURED', 'device notices are off', ?, ?)",
                    SeedData.ALICE, created, created);
            exec(c, "INSERT INTO delivery_attempts (delivery_id, attempt, at, outcome, error) VALUES"
                    + " (9001, 1, ?, 'RETRY', 'SMTP: connection refused'), (9001, 2, ?, 'SENT', NULL),"
                    + " (9002, 1, ?, 'FAILED', 'device notices are off')", created, retried, created);
        }
    }

    private static void exec(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    @Test
    void theCustomerSeesEveryChannelAndEveryAttemptOfTheirReminder() {
        JsonObject body = api.getJson("/api/v1/reminders/rem-1/deliveries", SeedData.ALICE_USER);

        assertThat(body.getString("reminderId")).isEqualTo("rem-1");
        assertThat(body.getString("status")).isEqualTo("SENT");
        JsonArray deliveries = body.getJsonArray("deliveries");
        assertThat(deliveries).hasSize(2);
        JsonObject email = deliveries.getJsonObject(0);
        assertThat(email.getString("channel")).isEqualTo("EMAIL");
        assertThat(email.getString("state")).isEqualTo("SENT");
        assertThat(email.getInteger("attemptCount")).isEqualTo(2);
        assertThat(email.getString("sentAt")).isEqualTo(SeedData.NOW.minus(Duration.ofHours(46)).toString());
        assertThat(email.getJsonArray("attempts").stream().map(a -> ((JsonObject) a).getString("outcome")))
                .containsExactly("RETRY", "SENT");
        assertThat(email.getJsonArray("attempts").getJsonObject(0).getString("error")).isEqualTo("SMTP: connection refused");
        JsonObject device = deliveries.getJsonObject(1);
        assertThat(device.getString("state")).isEqualTo("FAILED");
        assertThat(device.getString("failureReason")).isEqualTo("CHANNEL_NOT_CONFIGURED");
        assertThat(device.getValue("nextAttemptAt")).isNull();
    }

    @Test
    void theRemindersScopeDecidesWhoSeesTheDeliveries() {
        assertThat(api.getJson("/api/v1/reminders/rem-1/deliveries", SeedData.PLANNER_USER).getJsonArray("deliveries")).hasSize(2);
        assertThat(api.getJson("/api/v1/reminders/rem-1/deliveries", SeedData.TOM_USER).getString("status")).isEqualTo("SENT");
        AuthenticationTest.assertProblem(api.get("/api/v1/reminders/rem-1/deliveries", api.tokenFor(SeedData.BOB_USER)), 404);
        AuthenticationTest.assertProblem(api.get("/api/v1/reminders/rem-1/deliveries", api.tokenFor(SeedData.TINA_USER)), 404);
        AuthenticationTest.assertProblem(api.get("/api/v1/reminders/rem-404/deliveries", api.tokenFor(SeedData.PLANNER_USER)), 404);
    }

    @Test
    void aReminderNotYetPickedUpHasNoDeliveries() {
        JsonObject body = api.getJson("/api/v1/reminders/rem-2/deliveries", SeedData.ALICE_USER);
        assertThat(body.getString("status")).isEqualTo("QUEUED");
        assertThat(body.getJsonArray("deliveries")).isEmpty();
    }
}
