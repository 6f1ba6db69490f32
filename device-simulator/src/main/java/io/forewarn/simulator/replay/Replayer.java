package io.forewarn.simulator.replay;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.publish.BrokerConnection;
import io.forewarn.simulator.publish.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the rows of a checked telemetry CSV as {@link TelemetryMessage}s on {@code devices/{id}/telemetry}, in
 * event-time order (the file's ascending runs merged, equal times in file order), each device numbering its messages
 * 1, 2, 3, …. A replay clock ({@code firstTime + speedUp × elapsed wall time}) paces the rows; at {@code max} speed
 * only flow control (and the optional rate cap) does.
 */
public final class Replayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ReplayPlan plan;
    private final ReplayConfig config;
    private final Consumer<ReplayStats> progress;
    private final List<BrokerConnection> connections = new ArrayList<>();
    private final Map<String, DeviceState> devices = new HashMap<>();
    private final BrokerConnection.Counters counters = BrokerConnection.Counters.create();
    private final RateLimiter rate;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong rowsSent = new AtomicLong();
    private final AtomicBoolean runStarted = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Instant dataTime;
    private volatile long wallStartNanos;
    private volatile long sampleNanos;
    private volatile long samplePublished;
    private volatile Double windowRate;
    private ScheduledExecutorService reporter;

    /** A replayed device: its model, connection and the sequence number of its last message. */
    private static final class DeviceState {
        final String topic;
        final ProductModel model;
        final BrokerConnection connection;
        long seq;

        DeviceState(String deviceId, ProductModel model, BrokerConnection connection) {
            this.topic = TelemetryMessage.topicFor(deviceId);
            this.model = model;
            this.connection = connection;
        }
    }

    public Replayer(ReplayPlan plan, ReplayConfig config, Consumer<ReplayStats> progress) {
        this.plan = plan;
        this.config = config;
        this.progress = progress;
        this.rate = config.maxRate() > 0 ? new RateLimiter(config.maxRate()) : null;
        int lanes = Math.min(config.connections(), plan.devices().size());
        for (int i = 0; i < lanes; i++) {
            connections.add(new BrokerConnection(config.mqtt(), config.clientIdPrefix() + "-" + i, List.of(), (t, p) -> { }, counters));
        }
        int i = 0;
        for (Map.Entry<String, ProductModel> e : plan.devices().entrySet()) {
            devices.put(e.getKey(), new DeviceState(e.getKey(), e.getValue(), connections.get(i++ % lanes)));
        }
    }

    /** Connects every connection; fails with the broker's address and reason. */
    public Replayer connect() {
        List<IMqttToken> tokens = new ArrayList<>();
        try {
            for (BrokerConnection c : connections) tokens.add(c.beginConnect());
            for (int i = 0; i < connections.size(); i++) connections.get(i).awaitConnected(tokens.get(i));
        } catch (MqttException e) {
            disconnect();
            throw new IllegalStateException("cannot connect to MQTT broker " + config.mqtt().serverUri() + ": " + e.getMessage()
                    + " (reason code " + e.getReasonCode() + ")", e);
        }
        return this;
    }

    /**
     * Publishes every row, waits for the publishes in flight, disconnects. Returns early when {@link #close()} is
     * called from another thread.
     *
     * @return the final stats
     */
    public ReplayStats run() throws InterruptedException {
        if (runStarted.getAndSet(true)) throw new IllegalStateException("replay already run or closed");
        List<RunCursor> cursors = new ArrayList<>();
        try {
            PriorityQueue<RunCursor> merge = new PriorityQueue<>(RunCursor.ORDER);
            for (int i = 0; i < plan.runs().size(); i++) {
                RunCursor c = new RunCursor(plan, i);
                cursors.add(c);
                if (c.advance()) merge.add(c);
            }
            wallStartNanos = System.nanoTime();
            sampleNanos = wallStartNanos;
            reporter = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "forewarn-replay-progress");
                t.setDaemon(true);
                return t;
            });
            reporter.scheduleAtFixedRate(this::reportProgress, PROGRESS_INTERVAL.toMillis(), PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            while (!merge.isEmpty() && !stopping) {
                RunCursor c = merge.poll();
                if (!publish(c.row())) break;
                if (c.advance()) merge.add(c);
            }
            for (BrokerConnection c : connections) {
                if (!c.drain(30_000)) LOG.warn("{}: {} publishes still in flight after 30 s", c.clientId(), c.inFlight());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(plan.file() + ": cannot read: " + e.getMessage(), e);
        } finally {
            for (RunCursor c : cursors) {
                try {
                    c.close();
                } catch (IOException e) {
                    LOG.debug("closing {}: {}", plan.file(), e.getMessage());
                }
            }
            if (reporter != null) reporter.shutdownNow();
            disconnect();
            done.countDown();
        }
        ReplayStats last = stats();
        progress.accept(last);
        return last;
    }

    private boolean publish(TelemetryCsv.Row row) throws InterruptedException {
        pace(row.time());
        if (stopping) return false;
        if (rate != null) rate.acquire();
        DeviceState device = devices.get(row.deviceId());
        TelemetryMessage message = new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, row.deviceId(), device.model.id(), row.time(),
                device.seq + 1, row.metrics());
        byte[] payload = Json.write(message).getBytes(StandardCharsets.UTF_8);
        // Disconnected: wait for the automatic reconnect and publish the same row again, so none is lost or reordered.
        while (!device.connection.publish(device.topic, payload)) {
            if (stopping) return false;
            LockSupport.parkNanos(MAX_PARK_NANOS);
        }
        device.seq++;
        dataTime = row.time();
        rowsSent.incrementAndGet();
        return true;
    }

    // Waits until the replay clock reaches `time`, in slices so close() is noticed quickly.
    private void pace(Instant time) {
        if (Double.isInfinite(config.speedUp())) return;
        Instant first = plan.firstTime();
        double dataSeconds = (time.getEpochSecond() - first.getEpochSecond()) + (time.getNano() - first.getNano()) / 1e9;
        long dueNanos = wallStartNanos + (long) (dataSeconds / config.speedUp() * 1e9);
        long wait;
        while (!stopping && (wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
        }
    }

    public ReplayStats stats() {
        long published = counters.published().get();
        Double perSecond = windowRate;
        if (perSecond == null) {
            double seconds = wallStartNanos == 0 ? 0 : (System.nanoTime() - wallStartNanos) / 1e9;
            perSecond = seconds > 0 ? published / seconds : 0;
        }
        return new ReplayStats(dataTime, plan.devices().size(), published, perSecond, rowsSent.get(), plan.rows(), counters.failed().get());
    }

    private void reportProgress() {
        long nanos = System.nanoTime();
        long published = counters.published().get();
        double seconds = (nanos - sampleNanos) / 1e9;
        if (seconds > 0) windowRate = (published - samplePublished) / seconds;
        sampleNanos = nanos;
        samplePublished = published;
        try {
            progress.accept(stats());
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
    }

    private void disconnect() {
        connections.forEach(BrokerConnection::stop);
        List<IMqttToken> tokens = new ArrayList<>();
        for (BrokerConnection c : connections) tokens.add(c.beginDisconnect());
        for (int i = 0; i < connections.size(); i++) connections.get(i).awaitDisconnected(tokens.get(i));
    }

    /** Stops a running replay (from another thread, e.g. a shutdown hook) and waits for it to disconnect. */
    @Override
    public void close() {
        if (stopping) return;
        stopping = true;
        connections.forEach(BrokerConnection::stop);
        if (!runStarted.getAndSet(true)) {
            disconnect();  // never ran: just let go of the connections
            done.countDown();
            return;
        }
        try {
            if (!done.await(30, TimeUnit.SECONDS)) LOG.warn("replay still closing after 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
