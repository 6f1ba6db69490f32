package io.forewarn.alerts.notifications;

import static io.forewarn.alerts.notifications.OutboxRig.round;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quiet hours and the frequency cap hold notices in the outbox, and release them when the window opens. */
class HoldsTest {
    @RegisterExtension
    final OutboxRig rig = OutboxRig.withGateway();
    private final TestGateway gateway = rig.gateway;
    private final Notifications notifications = rig.gatewayNotifications();

    @Test
    void aNoticeDuringTheCustomersNightIsHeldAndGoesOutWhenItEnds() throws Exception {
        // 23:30 in Shanghai; quiet 22:00-07:00 there, so until 23:00 UTC.
        Instant lateEvening = Instant.parse("2026-03-10T15:30:00Z");
        Instant morning = Instant.parse("2026-03-10T23:00:00Z");
        rig.clock.set(lateEvening);
        rig.records.customer("cust-night", "zh", "night@example.com", "+8613900000000", List.of("SMS"),
                "Asia/Shanghai", LocalTime.of(22, 0), LocalTime.of(7, 0), 5);
        rig.records.device("dev-night", "cust-night", "ac_split_inverter");
        rig.records.ticket("tk-night", "dev-night", "URGENT", lateEvening);
        rig.records.reminder("rem-night", "tk-night", "zh", lateEvening);

        round(notifications);

        JsonObject held = rig.records.delivery("rem-night", "SMS");
        assertThat(held.getString("state")).isEqualTo("HELD");
        assertThat(held.getString("hold_reason")).isEqualTo(Hold.QUIET_HOURS);
        assertThat(held.getString("held_until")).isEqualTo(morning.toString());
        assertThat(rig.records.reminderStatus("rem-night")).isEqualTo("HELD");
        assertThat(rig.announcedStates("rem-night", "SMS")).containsExactly("HELD");

        rig.clock.set(morning.minusSeconds(60));
        assertThat(round(notifications)).as("still night").isZero();
        assertThat(gateway.calls()).isEmpty();

        rig.clock.set(morning);
        round(notifications);

        assertThat(gateway.calls()).hasSize(1);
        JsonObject sent = rig.records.delivery("rem-night", "SMS");
        assertThat(sent.getString("state")).isEqualTo("SENT");
        assertThat(sent.getString("held_until")).isNull();
        assertThat(sent.getString("sent_at")).isEqualTo(morning.toString());
        assertThat(rig.records.reminderStatus("rem-night")).isEqualTo("SENT");
    }

    @Test
    void noticesBeyondTheWeeklyCapWaitUntilTheOldestAgesOutOfTheSevenDays() throws Exception {
        rig.records.customer("cust-capped", "en", "capped@example.com", "+441234", List.of("APP_PUSH", "SMS"), "UTC",
                null, null, 2);
        rig.records.device("dev-capped", "cust-capped", "ac_split_inverter");
        for (int i = 1; i <= 3; i++) {
            rig.records.ticket("tk-capped-" + i, "dev-capped", "NORMAL", OutboxRig.START);
            rig.records.reminder("rem-capped-" + i, "tk-capped-" + i, "en", OutboxRig.START.plusSeconds(i));
        }

        round(notifications);

        // Two notices (on both their channels) go out; the third is held on both, a week after the first went out.
        List<String> statuses = List.of(1, 2, 3).stream().map(i -> rig.records.reminderStatus("rem-capped-" + i)).toList();
        assertThat(statuses).containsExactlyInAnyOrder("SENT", "SENT", "HELD");
        String heldReminder = "rem-capped-" + (statuses.indexOf("HELD") + 1);
        for (String channel : List.of("APP_PUSH", "SMS")) {
            JsonObject held = rig.records.delivery(heldReminder, channel);
            assertThat(held.getString("hold_reason")).isEqualTo(Hold.FREQUENCY_CAP);
            assertThat(held.getString("held_until")).isEqualTo(OutboxRig.START.plus(Duration.ofDays(7)).toString());
        }
        assertThat(gateway.calls()).hasSize(4);

        rig.clock.set(OutboxRig.START.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(round(notifications)).isZero();
        rig.clock.set(OutboxRig.START.plus(Duration.ofDays(7)));
        round(notifications);

        assertThat(rig.records.reminderStatus(heldReminder)).isEqualTo("SENT");
        assertThat(gateway.calls()).hasSize(6);
    }

    @Test
    void anUrgentNoticeIsNotHeldByTheCapButStillCounts() throws Exception {
        rig.records.customer("cust-urgent", "en", "u@example.com", "+441234", List.of("APP_PUSH"), "UTC", null, null, 1);
        rig.records.device("dev-urgent", "cust-urgent", "ac_split_inverter");
        rig.records.ticket("tk-normal", "dev-urgent", "NORMAL", OutboxRig.START);
        rig.records.reminder("rem-normal", "tk-normal", "en", OutboxRig.START);
        round(notifications);
        assertThat(rig.records.reminderStatus("rem-normal")).isEqualTo("SENT");

        rig.records.ticket("tk-urgent", "dev-urgent", "URGENT", OutboxRig.START);
        rig.records.reminder("rem-urgent", "tk-urgent", "en", OutboxRig.START);
        rig.records.ticket("tk-later", "dev-urgent", "HIGH", OutboxRig.START);
        rig.records.reminder("rem-later", "tk-later", "en", OutboxRig.START);
        round(notifications);

        assertThat(rig.records.reminderStatus("rem-urgent")).isEqualTo("SENT");
        assertThat(rig.records.reminderStatus("rem-later")).isEqualTo("HELD");
    }
}
