package io.forewarn.alerts.notifications;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.events.ServiceEvents;
import io.forewarn.alerts.notifications.channels.Channel;
import io.forewarn.alerts.notifications.channels.Channels;
import io.forewarn.alerts.notifications.channels.SendResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox on a Vert.x timer: each round queues deliveries for new reminders, claims the due ones,
 * holds those that must wait (quiet hours, frequency cap), sends the rest and records every attempt. A round starts
 * only after the previous one ended, so one worker never races itself; several workers (API instances) may share
 * a database, because claims skip rows another worker has locked.
 */
public final class OutboxWorker {
    /**
     * How long a claimed delivery stays with its worker. Longer than any attempt takes (the webhook's and SMTP's
     * timeouts), so only a worker that died loses its claim, and its deliveries are picked up again.
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(5);
    /** New reminders turned into deliveries per round; more wait for the next round. */
    private static final int ENQUEUE_LIMIT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

    private final Vertx vertx;
    private final Database database;
    private final Channels channels;
    private final NotificationsConfig config;
    private final Clock clock;
    private final String workerId;
    private final Backoff backoff;
    private volatile boolean running;
    private volatile long timerId = -1;
    private volatile Future<Integer> current = Future.succeededFuture(0);

    public OutboxWorker(Vertx vertx, Database database, Channels channels, NotificationsConfig config, Clock clock,
                        String workerId) {
        this.vertx = vertx;
        this.database = database;
        this.channels = channels;
        this.config = config;
        this.clock = clock;
        this.workerId = workerId;
        this.backoff = new Backoff(config.retryBase(), config.retryMax());
    }

    /** Runs a round now and then every {@link NotificationsConfig#interval()} after the previous one ends. */
    public void start() {
        running = true;
        schedule(1);
    }

    private void schedule(long delayMs) {
        timerId = vertx.setTimer(delayMs, id -> {
            current = runOnce()
                    .onFailure(e -> LOG.warn("outbox round failed: {}", e.toString()))
                    .onComplete(done -> {
                        if (running) {
                            schedule(config.interval().toMillis());
                        }
                    });
        });
    }

    /** Stops the timer; completes when the round in progress (and each delivery it claimed) has finished. */
    public Future<Void> stop() {
        running = false;
        vertx.cancelTimer(timerId);
        return current.<Void>mapEmpty().otherwiseEmpty();
    }

    /**
     * One round: queue, claim, and process every claimed delivery to its next state. Completes when all of them
     * have been recorded, with how many were claimed.
     */
    public Future<Integer> runOnce() {
        Instant now = clock.instant();
        return database.query(c -> {
                    Outbox.enqueueNew(c, now, ENQUEUE_LIMIT);
                    return Outbox.claim(c, now, CLAIM_LEASE, config.batchSize(), workerId);
                })
                .compose(claimed -> Future.join(claimed.stream().map(this::process).toList()).map(claimed.size()));
    }

    private Future<Void> process(Outbox.Claimed d) {
        return attempt(d).recover(e -> {
            // The delivery stays claimed; when the lease runs out another round takes it up again.
            LOG.warn("delivery {} of reminder {} could not be processed: {}", d.deliveryId(), d.notice().reminderId(),
                    e.toString());
            return Future.succeededFuture();
        });
    }

    /** Takes one claimed delivery to its next state: FAILED at once, HELD, or sent and recorded. */
    private Future<Void> attempt(Outbox.Claimed d) {
        Notice notice = d.notice();
        Channel channel = channels.forName(notice.channel());
        if (channel == null) {
            return finish(d, new SendResult.Failed(SendResult.CHANNEL_NOT_CONFIGURED, Channels.notConfigured(notice.channel())));
        }
        String unreachable = channel.unreachable(notice);
        if (unreachable != null) {
            return finish(d, new SendResult.Failed(SendResult.NO_ADDRESS, unreachable));
        }
        return database.query(c -> Outbox.holdOrDispatch(c, d, clock.instant()))
                .compose(decision -> {
                    if (decision.hold() != null) {
                        LOG.debug("delivery {} held until {} ({})", d.deliveryId(), decision.hold().until(), decision.hold().reason());
                        changed(d, DeliveryState.HELD, decision.reminderStatus());
                        return Future.<Void>succeededFuture();
                    }
                    changed(d, DeliveryState.SENDING, decision.reminderStatus());
                    return channel.send(notice)
                            .recover(e -> Future.succeededFuture(new SendResult.Retry(e.toString())))
                            .compose(result -> finish(d, result));
                });
    }

    private Future<Void> finish(Outbox.Claimed d, SendResult result) {
        Instant now = clock.instant();
        Instant retryAt = now.plus(retryDelay(d.attempts() + 1, result));
        return database.query(c -> Outbox.record(c, d, result, now, retryAt, config.maxAttempts()))
                .map(change -> {
                    if (change.state() == DeliveryState.FAILED) {
                        LOG.warn("delivery {} of reminder {} on {} failed: {}", d.deliveryId(), d.notice().reminderId(),
                                d.notice().channel(), describe(result));
                    }
                    changed(d, change.state(), change.reminderStatus());
                    return null;
                });
    }

    // A failed delivery's result is a permanent failure, or the retryable failure of its last allowed attempt.
    private static String describe(SendResult result) {
        if (result instanceof SendResult.Failed failed) {
            return failed.reason() + ": " + failed.error();
        }
        return SendResult.MAX_ATTEMPTS + ", last error: " + ((SendResult.Retry) result).error();
    }

    private Duration retryDelay(int attempt, SendResult result) {
        Duration delay = backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
        if (result instanceof SendResult.Retry retry && retry.notBefore() != null && retry.notBefore().compareTo(delay) > 0) {
            return retry.notBefore();
        }
        return delay;
    }

    /** Tells listeners (live updates) that a delivery moved, and where its reminder stands now. */
    private void changed(Outbox.Claimed d, DeliveryState state, String reminderStatus) {
        Notice notice = d.notice();
        vertx.eventBus().publish(ServiceEvents.REMINDER_CHANGED, new JsonObject()
                .put("reminderId", notice.reminderId())
                .put("status", reminderStatus)
                .put("channel", notice.channel())
                .put("deliveryId", d.deliveryId())
                .put("deliveryState", state.name())
                .put("deviceId", notice.deviceId())
                .put("customerId", d.customerId())
                .put("at", clock.instant().toString()));
    }

    /** For logs and the claim column: which worker holds a delivery. */
    public String workerId() {
        return workerId;
    }
}
