package io.forewarn.alerts.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.db.Database;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two API instances on one database: claims skip each other's rows, so every notice goes out exactly once. */
class ConcurrentWorkersTest {
    private static final int NOTICES = 60;

    @RegisterExtension
    final OutboxRig rig = OutboxRig.withGateway();
    private final TestGateway gateway = rig.gateway;
    // The second instance has its own connection pool, as a second process would.
    private final Database otherPool = new Database(rig.vertx, rig.records.dataSource);

    @AfterEach
    void stop() throws Exception {
        // Before the rig closes the database and Vert.x it runs on.
        otherPool.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void twoWorkersRacingForTheSameOutboxSendEachNoticeOnce() throws Exception {
        for (int i = 0; i < NOTICES; i++) {
            rig.records.notice("race-" + i, "en", List.of("APP_PUSH"), OutboxRig.START.plusMillis(i));
        }
        NotificationsConfig config = withBatch(OutboxRig.config(gateway), 7);
        OutboxWorker first = rig.notifications(config).worker();
        OutboxWorker second = Notifications.create(rig.vertx, otherPool, config, rig.clock).worker();

        int claimed;
        do {
            // Both rounds run at once, on separate pools, like two API instances' timers firing together.
            List<Integer> counts = Future.all(first.runOnce(), second.runOnce()).await(60, TimeUnit.SECONDS).list();
            claimed = counts.stream().mapToInt(Integer::intValue).sum();
        } while (claimed > 0);

        assertThat(gateway.calls()).hasSize(NOTICES);
        assertThat(gateway.calls().stream().map(TestGateway.Call::deliveryHeader).collect(Collectors.toSet())).hasSize(NOTICES);
        assertThat(rig.records.rows("SELECT count(*) AS n FROM delivery_attempts").get(0).getLong("n")).isEqualTo(NOTICES);
        assertThat(rig.records.rows("SELECT count(*) AS n FROM reminders WHERE status = 'SENT'").get(0).getLong("n"))
                .isEqualTo(NOTICES);
        assertThat(rig.records.rows("SELECT DISTINCT claimed_by FROM reminder_deliveries"))
                .as("both workers took a share").hasSize(2);
    }

    private static NotificationsConfig withBatch(NotificationsConfig c, int batchSize) {
        return new NotificationsConfig(c.smtp(), c.webhook(), c.mqtt(), c.interval(), batchSize, c.maxAttempts(),
                c.retryBase(), c.retryMax(), c.publicUrl());
    }
}
