package io.forewarn.alerts.live;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.events.ServiceEvents;
import io.forewarn.alerts.predictions.PredictionQueries;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces on the event bus what the stream job writes straight into PostgreSQL: a {@code predictions} row it has
 * not seen as {@link ServiceEvents#PREDICTION_CREATED}, a {@code tickets} row in a version it has not seen as
 * {@link ServiceEvents#TICKET_CHANGED}. It polls {@code predictions.recorded_at} and {@code tickets.updated_at} above
 * a high-water mark (the database's clock at its previous look, less a lookback for transactions that committed late;
 * what the lookback brings back twice is recognised by id and version). Versions the API announces itself are noted
 * from the bus, so a change is announced once. The first look after {@link #start()} only learns what is there:
 * from the moment it completes, every new row is announced.
 */
final class ChangeFeed {
    /** Rows read per table and look; a bigger backlog is read over the following looks. */
    static final int BATCH = 500;
    /** How many predictions and ticket versions are remembered; far more than one lookback window holds. */
    private static final int REMEMBERED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private static final String PREDICTIONS = "SELECT " + PredictionQueries.columns("p.", "")
            + ", p.recorded_at, d.customer_id FROM predictions p LEFT JOIN devices d ON d.device_id = p.device_id"
            + " WHERE p.recorded_at > ? ORDER BY p.recorded_at, p.prediction_id LIMIT ?";
    // The latest history entry says who made the change and from which state.
    private static final String TICKETS = "SELECT t.ticket_id, t.status, t.priority, t.assigned_technician, t.version,"
            + " t.device_id, t.updated_at, d.customer_id, e.actor, e.from_status"
            + " FROM tickets t LEFT JOIN devices d ON d.device_id = t.device_id"
            + " LEFT JOIN LATERAL (SELECT te.actor, te.from_status FROM ticket_events te WHERE te.ticket_id = t.ticket_id"
            + " ORDER BY te.event_id DESC LIMIT 1) e ON true"
            + " WHERE t.updated_at > ? ORDER BY t.updated_at, t.ticket_id LIMIT ?";

    private final Vertx vertx;
    private final Database database;
    private final LiveConfig config;
    private final Map<String, Boolean> seenPredictions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final TicketVersions seenVersions = new TicketVersions(REMEMBERED);
    /** The database's clock at the last look; null until the first look after a start. */
    private Instant mark;
    private long timer = -1;
    private boolean polling;
    /** Counts starts, so a look that began before a stop is not taken for one of the next run. */
    private long run;
    private Promise<Void> firstLook = Promise.promise();
    private MessageConsumer<JsonObject> apiChanges;

    ChangeFeed(Vertx vertx, Database database, LiveConfig config) {
        this.vertx = vertx;
        this.database = database;
        this.config = config;
    }

    /**
     * Looks at once, then every poll interval, until {@link #stop()}.
     *
     * @return completes when the first look is done (also when it failed): rows written after that are announced
     */
    synchronized Future<Void> start() {
        if (timer >= 0) {
            return firstLook.future();
        }
        run++;
        mark = null;
        firstLook = Promise.promise();
        apiChanges = vertx.eventBus().consumer(ServiceEvents.TICKET_CHANGED, m -> seenVersions.isNew(m.body()));
        timer = vertx.setPeriodic(1, config.pollInterval().toMillis(), id -> poll());
        return firstLook.future();
    }

    synchronized void stop() {
        if (timer < 0) {
            return;
        }
        vertx.cancelTimer(timer);
        timer = -1;
        apiChanges.unregister();
        apiChanges = null;
    }

    synchronized boolean running() {
        return timer >= 0;
    }

    private void poll() {
        Instant since;
        long thisRun;
        synchronized (this) {
            // A slow look is not started twice.
            if (polling || timer < 0) {
                return;
            }
            polling = true;
            since = mark;
            thisRun = run;
        }
        database.query(c -> read(c, since))
                .onSuccess(batch -> publish(batch, since == null, thisRun))
                .onFailure(e -> LOG.warn("change feed: reading new predictions and tickets failed: {}", e.toString()))
                .onComplete(done -> {
                    Promise<Void> first;
                    synchronized (this) {
                        polling = false;
                        first = thisRun == run ? firstLook : null;
                    }
                    if (first != null) {
                        first.tryComplete();
                    }
                });
    }

    /** What one look found, and where the next look starts. */
    private record Batch(List<JsonObject> predictions, List<JsonObject> tickets, Instant mark) {}

    private Batch read(Connection c, Instant since) throws SQLException {
        Instant now = databaseNow(c);
        Instant from = (since == null ? now : since).minus(config.lookback());
        List<JsonObject> predictions = new ArrayList<>();
        List<JsonObject> tickets = new ArrayList<>();
        Instant lastPrediction = rows(c, PREDICTIONS, from, rs -> {
            predictions.add(PredictionQueries.toJson(rs, "").put("customerId", rs.getString("customer_id")));
            return Rows.instant(rs, "recorded_at");
        });
        Instant lastTicket = rows(c, TICKETS, from, rs -> {
            tickets.add(new JsonObject()
                    .put("ticketId", rs.getString("ticket_id"))
                    .put("status", rs.getString("status"))
                    .put("fromStatus", rs.getString("from_status"))
                    .put("priority", rs.getString("priority"))
                    .put("technicianId", rs.getString("assigned_technician"))
                    .put("actor", rs.getString("actor"))
                    .put("at", Rows.timestamp(rs, "updated_at"))
                    .put("version", rs.getInt("version"))
                    .put("deviceId", rs.getString("device_id"))
                    .put("customerId", rs.getString("customer_id")));
            return Rows.instant(rs, "updated_at");
        });
        // A full batch leaves rows behind: the next look continues from the last row read, not from now.
        Instant next = now;
        if (predictions.size() == BATCH && lastPrediction.isBefore(next)) {
            next = lastPrediction;
        }
        if (tickets.size() == BATCH && lastTicket.isBefore(next)) {
            next = lastTicket;
        }
        return new Batch(predictions, tickets, next);
    }

    @FunctionalInterface
    private interface Row {
        /** Takes the current row; answers its time. */
        Instant take(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} for rows after {@code from}; answers the time of the last row, or null when there was none. */
    private static Instant rows(Connection c, String sql, Instant from, Row row) throws SQLException {
        Instant last = null;
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setInt(2, BATCH);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    last = row.take(rs);
                }
            }
        }
        return last;
    }

    private static Instant databaseNow(Connection c) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT clock_timestamp() AS now");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return Rows.instant(rs, "now");
        }
    }

    private void publish(Batch batch, boolean learnOnly, long lookRun) {
        List<JsonObject> newPredictions = new ArrayList<>();
        List<JsonObject> newVersions = new ArrayList<>();
        synchronized (this) {
            if (timer < 0 || lookRun != run) {
                return;  // stopped meanwhile; the next start learns afresh
            }
            mark = batch.mark();
            for (JsonObject prediction : batch.predictions()) {
                if (seenPredictions.put(prediction.getString("predictionId"), Boolean.TRUE) == null) {
                    newPredictions.add(prediction);
                }
            }
            for (JsonObject ticket : batch.tickets()) {
                if (seenVersions.isNew(ticket)) {
                    newVersions.add(ticket);
                }
            }
        }
        if (learnOnly) {
            return;
        }
        newPredictions.forEach(p -> vertx.eventBus().publish(ServiceEvents.PREDICTION_CREATED, p));
        newVersions.forEach(t -> vertx.eventBus().publish(ServiceEvents.TICKET_CHANGED, t));
    }
}
