package io.forewarn.alerts.notifications;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.notifications.channels.Channels;
import io.forewarn.alerts.notifications.channels.DeviceNoticeChannel;
import io.forewarn.alerts.notifications.channels.EmailChannel;
import io.forewarn.alerts.notifications.channels.MqttLink;
import io.forewarn.alerts.notifications.channels.WebhookChannel;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer notifications in the API: the configured channels, the outbox worker that delivers reminders on them,
 * and what follows a resolved ticket (the service-visit message to the product, the survey invitation). Off when no
 * channel is configured: then reminders simply stay QUEUED.
 */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Channels channels;
    private final MqttLink mqtt;
    private final OutboxWorker worker;
    private final ServiceVisits visits;
    private volatile boolean closed;

    private Notifications(Channels channels, MqttLink mqtt, OutboxWorker worker, ServiceVisits visits) {
        this.channels = channels;
        this.mqtt = mqtt;
        this.worker = worker;
        this.visits = visits;
    }

    /** Builds what {@code config} enables without starting it; {@link #start()} begins delivering. */
    public static Notifications create(Vertx vertx, Database database, NotificationsConfig config, Clock clock) {
        if (!config.enabled()) {
            return new Notifications(null, null, null, null);
        }
        MqttLink mqtt = config.mqtt() == null ? null : new MqttLink(config.mqtt());
        Channels channels = new Channels(
                config.smtp() == null ? null : new EmailChannel(vertx, config.smtp()),
                config.webhook() == null ? null : new WebhookChannel(vertx, config.webhook(), clock),
                mqtt == null ? null : new DeviceNoticeChannel(mqtt, clock));
        OutboxWorker worker = new OutboxWorker(vertx, database, channels, config, clock, workerId());
        ServiceVisits visits = new ServiceVisits(vertx, database, mqtt, catalog(), config.publicUrl(), clock);
        return new Notifications(channels, mqtt, worker, visits);
    }

    /** Connects to the broker (in the background), listens for resolved tickets and starts the outbox worker. */
    public Notifications start() {
        if (worker == null) {
            LOG.info("notifications are off (no FOREWARN_NOTIFY_SMTP_HOST, _WEBHOOK_URL or _MQTT_URI): reminders stay QUEUED");
            return this;
        }
        visits.listen();
        if (mqtt == null) {
            startWorker();
            return this;
        }
        // The first round waits for the broker, so device notices do not start with a needless retry. A broker
        // that is down now is tried again by each publish; the outbox keeps the notices meanwhile.
        mqtt.connect()
                .onFailure(e -> LOG.warn("notifications: MQTT broker not reachable yet: {}", e.toString()))
                .onComplete(connected -> startWorker());
        return this;
    }

    private void startWorker() {
        if (closed) {
            return;
        }
        worker.start();
        LOG.info("notifications on: outbox worker {} started", worker.workerId());
    }

    public boolean enabled() {
        return worker != null;
    }

    /** The outbox worker, or null when notifications are off. */
    public OutboxWorker worker() {
        return worker;
    }

    public Future<Void> close() {
        if (worker == null) {
            return Future.succeededFuture();
        }
        closed = true;
        return worker.stop()
                .eventually(visits::stop)
                .eventually(channels::close)
                .eventually(() -> mqtt == null ? Future.succeededFuture() : mqtt.close());
    }

    private static String workerId() {
        // pid@host, plus a random part for two workers in one JVM (tests, or two API instances in one process).
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    // The product's name in the invitation; a catalog that does not load only makes the text more generic.
    private static ProductCatalog catalog() {
        try {
            return ProductCatalog.load();
        } catch (RuntimeException e) {
            LOG.warn("product catalog not available for notice texts: {}", e.getMessage());
            return null;
        }
    }
}
