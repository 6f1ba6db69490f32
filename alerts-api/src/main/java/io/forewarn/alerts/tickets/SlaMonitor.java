package io.forewarn.alerts.tickets;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.events.ServiceEvents;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for broken SLA promises every interval, records each once and announces it on
 * {@link ServiceEvents#SLA_BREACHED}. Several API instances may share a database: the record decides who announces.
 */
public final class SlaMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);

    private final Vertx vertx;
    private final Database database;
    private final SlaClock slaClock;
    private final Duration interval;
    private final AtomicBoolean checking = new AtomicBoolean();
    private long timer = -1;

    public SlaMonitor(Vertx vertx, Database database, SlaClock slaClock, Duration interval) {
        this.vertx = vertx;
        this.database = database;
        this.slaClock = slaClock;
        this.interval = interval;
    }

    /** Checks at once, then every interval. */
    public void start() {
        timer = vertx.setPeriodic(1, interval.toMillis(), id -> check());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void check() {
        // A slow check is not started twice.
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        database.query(connection -> SlaBreaches.record(connection, slaClock.now()))
                .onSuccess(breaches -> breaches.forEach(b -> vertx.eventBus().publish(ServiceEvents.SLA_BREACHED, b)))
                .onFailure(e -> LOG.warn("SLA check failed: {}", e.toString()))
                .onComplete(done -> checking.set(false));
    }
}
