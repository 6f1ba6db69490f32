package io.forewarn.alerts.notifications;

import static io.forewarn.alerts.notifications.OutboxRig.round;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.notifications.channels.SendResult;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMS and app push through a real HTTP gateway that checks the signature. */
class WebhookDeliveryTest {
    @RegisterExtension
    final OutboxRig rig = OutboxRig.withGateway();
    private final TestGateway gateway = rig.gateway;
    private final Notifications notifications = rig.gatewayNotifications();

    @Test
    void theGatewayReceivesASignedNoticeAndTheReminderIsSent() throws Exception {
        String reminder = rig.records.notice("sms", "zh", List.of("SMS"), OutboxRig.START);

        assertThat(round(notifications)).isEqualTo(1);

        assertThat(gateway.calls()).hasSize(1);
        TestGateway.Call call = gateway.calls().get(0);
        assertThat(call.signatureValid()).isTrue();
        JsonObject body = call.body();
        assertThat(body.getString("channel")).isEqualTo("SMS");
        assertThat(body.getString("phone")).isEqualTo("+8613800000000");
        assertThat(body.getString("language")).isEqualTo("zh");
        assertThat(body.getString("title")).isEqualTo("您的空调需要预防性维护");
        assertThat(body.getString("text")).contains("我们发现了什么", "压缩机振动正在升高。", "如何预约服务");
        assertThat(body.getString("link")).isEqualTo("http://localhost:8080/book?ticket=tk-sms");
        assertThat(body.getJsonArray("sections")).hasSize(4);
        assertThat(call.deliveryHeader()).isEqualTo(String.valueOf(body.getLong("deliveryId")));

        assertThat(rig.records.delivery(reminder, "SMS").getString("state")).isEqualTo("SENT");
        assertThat(rig.records.attempts(reminder)).extracting(a -> a.getString("outcome")).containsExactly("SENT");
        assertThat(rig.records.reminderStatus(reminder)).isEqualTo("SENT");
        assertThat(rig.announcedStates(reminder, "SMS")).containsExactly("SENDING", "SENT");
    }

    @Test
    void serverErrorsAreRetriedAfterTheBackoffUntilTheGatewayTakesTheNotice() throws Exception {
        String reminder = rig.records.notice("push", "en", List.of("APP_PUSH"), OutboxRig.START);
        gateway.answerNext(503);

        round(notifications);
        JsonObject retry = rig.records.delivery(reminder, "APP_PUSH");
        assertThat(retry.getString("state")).isEqualTo("RETRY");
        Instant next = Instant.parse(retry.getString("next_attempt_at"));
        // Attempt 1 waits between half and all of the 30 s base.
        assertThat(next).isBetween(OutboxRig.START.plusSeconds(15), OutboxRig.START.plusSeconds(30));
        assertThat(retry.getString("last_error")).contains("HTTP 503");
        assertThat(rig.records.reminderStatus(reminder)).isEqualTo("QUEUED");

        assertThat(round(notifications)).as("not due before its backoff").isZero();
        rig.clock.set(next);
        round(notifications);

        assertThat(rig.records.delivery(reminder, "APP_PUSH").getString("state")).isEqualTo("SENT");
        assertThat(rig.records.attempts(reminder)).extracting(a -> a.getString("outcome")).containsExactly("RETRY", "SENT");
        assertThat(gateway.calls()).extracting(TestGateway.Call::deliveryHeader).containsOnly(retry.getValue("delivery_id").toString());
        assertThat(rig.announcedStates(reminder, "APP_PUSH")).containsExactly("SENDING", "RETRY", "SENDING", "SENT");
    }

    @Test
    void aClientErrorFailsAtOnceButTooManyRequestsWaitsAsToldAndRetries() throws Exception {
        String rejected = rig.records.notice("rejected", "en", List.of("SMS"), OutboxRig.START);
        gateway.answerNext(400);
        round(notifications);
        String throttled = rig.records.notice("throttled", "en", List.of("APP_PUSH"), OutboxRig.START);
        gateway.answerNext(429);
        round(notifications);

        JsonObject failed = rig.records.delivery(rejected, "SMS");
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("failure_reason")).isEqualTo(SendResult.REJECTED);
        assertThat(failed.getString("last_error")).contains("HTTP 400", "scripted 400");
        assertThat(rig.records.reminderStatus(rejected)).isEqualTo("FAILED");

        JsonObject waiting = rig.records.delivery(throttled, "APP_PUSH");
        assertThat(waiting.getString("state")).isEqualTo("RETRY");
        assertThat(Instant.parse(waiting.getString("next_attempt_at"))).isEqualTo(OutboxRig.START.plusSeconds(120));
    }

    @Test
    void aGatewayThatConfirmsDeliveryMakesTheReminderDelivered() throws Exception {
        gateway.answerOkWith("{\"status\":\"DELIVERED\"}");
        String reminder = rig.records.notice("confirmed", "en", List.of("APP_PUSH"), OutboxRig.START);

        round(notifications);

        assertThat(rig.records.delivery(reminder, "APP_PUSH").getString("state")).isEqualTo("DELIVERED");
        assertThat(rig.records.reminderStatus(reminder)).isEqualTo("DELIVERED");
    }

    @Test
    void afterTheLastAllowedAttemptTheDeliveryFailsWithItsLastError() throws Exception {
        String reminder = rig.records.notice("down", "en", List.of("SMS"), OutboxRig.START);
        gateway.answerNext(500, 502, 503, 504);

        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(round(notifications)).isEqualTo(1);
            rig.clock.advance(Duration.ofMinutes(10));
        }

        JsonObject failed = rig.records.delivery(reminder, "SMS");
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("failure_reason")).isEqualTo(SendResult.MAX_ATTEMPTS);
        assertThat(failed.getString("last_error")).contains("HTTP 504");
        assertThat(rig.records.attempts(reminder)).extracting(a -> a.getString("outcome"))
                .containsExactly("RETRY", "RETRY", "RETRY", "FAILED");
        assertThat(round(notifications)).as("a failed delivery is not tried again").isZero();
    }

    @Test
    void anUnreachableGatewayIsRetried() throws Exception {
        int closedPort = TestBroker.freePort();
        Notifications nowhere = rig.notifications(OutboxRig.config(null).withWebhook(new NotificationsConfig.Webhook(
                java.net.URI.create("http://127.0.0.1:" + closedPort + "/sms"), TestGateway.SECRET, Duration.ofSeconds(2))));
        String reminder = rig.records.notice("nowhere", "en", List.of("SMS"), OutboxRig.START);

        round(nowhere);

        JsonObject retry = rig.records.delivery(reminder, "SMS");
        assertThat(retry.getString("state")).isEqualTo("RETRY");
        assertThat(retry.getString("last_error")).startsWith("webhook:");
    }

    @Test
    void aChannelWithoutTransportOrAddressFailsVisiblyWhileTheOthersGoOut() throws Exception {
        rig.records.customer("cust-mixed", "en", "mixed@example.com", null, List.of("SMS", "EMAIL", "APP_PUSH"),
                "UTC", null, null, 10);
        rig.records.device("dev-mixed", "cust-mixed", "ac_split_inverter");
        rig.records.ticket("tk-mixed", "dev-mixed", "NORMAL", OutboxRig.START);
        rig.records.reminder("rem-mixed", "tk-mixed", "en", OutboxRig.START);

        round(notifications);

        JsonObject email = rig.records.delivery("rem-mixed", "EMAIL");
        assertThat(email.getString("state")).isEqualTo("FAILED");
        assertThat(email.getString("failure_reason")).isEqualTo(SendResult.CHANNEL_NOT_CONFIGURED);
        assertThat(email.getString("last_error")).contains("FOREWARN_NOTIFY_SMTP_HOST");
        JsonObject sms = rig.records.delivery("rem-mixed", "SMS");
        assertThat(sms.getString("state")).isEqualTo("FAILED");
        assertThat(sms.getString("failure_reason")).isEqualTo(SendResult.NO_ADDRESS);
        assertThat(rig.records.delivery("rem-mixed", "APP_PUSH").getString("state")).isEqualTo("SENT");
        assertThat(rig.records.reminderStatus("rem-mixed")).isEqualTo("SENT");
    }
}
