package io.forewarn.alerts.notifications;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.events.ServiceEvents;
import io.forewarn.alerts.notifications.NotificationsConfig.Webhook;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an outbox test runs on: a fresh database, Vert.x, a hand-moved clock and the REMINDER_CHANGED events seen.
 * Rounds are run one at a time by the test ({@link #round}), so each step's outcome is known before the next. A test
 * class may hold one per test in a {@code @RegisterExtension} field: it is closed after each test.
 */
final class OutboxRig implements AutoCloseable, AfterEachCallback {
    static final Instant START = Instant.parse("2026-03-10T04:00:00Z");

    final ServiceRecords records = ServiceRecords.fresh();
    final Vertx vertx = Vertx.vertx();
    final Database database = new Database(vertx, records.dataSource);
    final TestClock clock = new TestClock(START);
    final List<JsonObject> events = new CopyOnWriteArrayList<>();
    /** The SMS / app-push gateway, when the rig was made {@link #withGateway()}. */
    final TestGateway gateway;
    private final List<Notifications> started = new ArrayList<>();

    OutboxRig() {
        this(false);
    }

    private OutboxRig(boolean gateway) {
        vertx.eventBus().<JsonObject>consumer(ServiceEvents.REMINDER_CHANGED, m -> events.add(m.body()));
        try {
            this.gateway = gateway ? TestGateway.start(vertx) : null;
        } catch (Exception e) {
            throw new IllegalStateException("test gateway did not start", e);
        }
    }

    /** A rig with a real HTTP gateway, and notifications that send SMS and app push to it. */
    static OutboxRig withGateway() {
        return new OutboxRig(true);
    }

    /** Not started notifications on the rig's gateway. */
    Notifications gatewayNotifications() {
        return notifications(config(gateway));
    }

    /** Settings for tests: short retries, and the gateway of {@code gateway} when it is not null. */
    static NotificationsConfig config(TestGateway gateway) {
        NotificationsConfig config = NotificationsConfig.off()
                .withRetries(4, Duration.ofSeconds(30), Duration.ofMinutes(10))
                .withInterval(Duration.ofMillis(100));
        return gateway == null ? config
                : config.withWebhook(new Webhook(URI.create(gateway.url()), TestGateway.SECRET, Duration.ofSeconds(5)));
    }

    /** Notifications built but not started: the test runs the rounds. */
    Notifications notifications(NotificationsConfig config) {
        Notifications notifications = Notifications.create(vertx, database, config, clock);
        started.add(notifications);
        return notifications;
    }

    /** One outbox round of {@code notifications}; returns how many deliveries it claimed. */
    static int round(Notifications notifications) throws Exception {
        return notifications.worker().runOnce().await(30, TimeUnit.SECONDS);
    }

    /** The delivery states announced for {@code reminderId}, in order. */
    List<String> announcedStates(String reminderId, String channel) {
        return events.stream()
                .filter(e -> reminderId.equals(e.getString("reminderId")) && channel.equals(e.getString("channel")))
                .map(e -> e.getString("deliveryState"))
                .toList();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (Notifications n : started) {
            n.close().await(10, TimeUnit.SECONDS);
        }
        database.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
