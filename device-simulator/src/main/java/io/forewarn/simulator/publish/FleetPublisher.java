package io.forewarn.simulator.publish;

import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.TruthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Fleet} against an MQTT broker: a sim clock ticks in wall time and every device publishes each reading
 * whose event time has come ({@code eventTime ≤ start + speedUp × elapsed wall time}, or, with
 * {@link #catchUpWithWallClock()}, never later than the wall clock) as JSON on {@code devices/{deviceId}/telemetry}. Devices are partitioned over {@code connections} Paho v5 async clients, each
 * with its own thread and a bounded in-flight window. Readings not yet handed over when a connection drops are
 * published after the automatic reconnect; publishes already in flight at the drop may be lost (counted in
 * {@link PublisherStats#publishFailures()} when Paho reports them).
 *
 * <p>Each device also receives its customer notices ({@code devices/{id}/notices}, logged and counted) and, when
 * {@link FleetConfig#listenForService()} is set, its service visits ({@code devices/{id}/service}): a repair ends its
 * fault, a preventive service resets a degradation, and the ground truth of each visit goes to
 * {@link #recordTruthTo}.
 */
public final class FleetPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetPublisher.class);
    /** How often each connection looks for due readings, in wall time. */
    static final Duration TICK = Duration.ofMillis(50);
    /** Most threads that tick connections; more connections share them. */
    static final int MAX_TICK_THREADS = 16;
    /** Above this many connections the publisher warns: each Paho client has three to four threads. */
    public static final int MANY_CONNECTIONS = 200;
    /** How often progress is reported, in wall time. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    /** How often once the clock runs live: readings then come every few minutes, not hundreds a second. */
    public static final Duration LIVE_PROGRESS_INTERVAL = Duration.ofMinutes(1);

    private final Fleet fleet;
    private final FleetConfig config;
    private final Consumer<PublisherStats> progress;
    private volatile SimClock clock;
    private final Instant resumeAfter;
    private volatile Instant resumePoint;
    private final List<DeviceConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong notices = new AtomicLong();
    private final AtomicLong serviceEvents = new AtomicLong();
    private final List<TruthRow> truthRecorded = new CopyOnWriteArrayList<>();
    private volatile Consumer<TruthRow> truthSink = row -> { };
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private ScheduledExecutorService scheduler;
    private volatile boolean connected;  // every connection is up: stats come from the connections' cursors
    private volatile boolean liveAnnounced;
    private volatile long wallStartNanos;
    private volatile RateSample lastSample;
    private volatile Double windowRate;  // null until the first progress interval has passed

    private record RateSample(long nanos, long published) {}

    /** A publisher that reports progress every 5 s at INFO level. */
    public FleetPublisher(Fleet fleet) {
        this(fleet, stats -> LOG.info(stats.progressLine()));
    }

    /**
     * A publisher that hands a stats snapshot to {@code progress} every {@link #PROGRESS_INTERVAL} (every
     * {@link #LIVE_PROGRESS_INTERVAL} once its clock runs live) and once at close.
     */
    public FleetPublisher(Fleet fleet, Consumer<PublisherStats> progress) {
        this(fleet, progress, null);
    }

    /**
     * A publisher that carries on from an earlier run: readings up to {@code resumeAfter} (sim time) count as
     * published, and the sim clock starts there.
     */
    public FleetPublisher(Fleet fleet, Consumer<PublisherStats> progress, Instant resumeAfter) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.config = fleet.config();
        this.progress = Objects.requireNonNull(progress, "progress");
        this.resumeAfter = resumeAfter;
        this.resumePoint = resumeAfter;
        this.clock = new SimClock(resumeAfter == null ? config.start() : resumeAfter, config.speedUp());
    }

    /**
     * Replays sim time at the speed-up only until it reaches the wall clock, then runs in real time with it
     * ({@link SimClock#catchingUp}): a fleet started in the past catches up and then carries on live, and no reading's
     * event time is ever in the future. Call before {@link #start()}.
     */
    public FleetPublisher catchUpWithWallClock() {
        return useClock(SimClock.catchingUp(clock.start(), config.speedUp()));
    }

    /** Replaces the sim clock (tests drive it); it must start where this publisher starts. Call before {@link #start()}. */
    synchronized FleetPublisher useClock(SimClock replacement) {
        if (started.get()) throw new IllegalStateException("publisher already started");
        if (!replacement.start().equals(clock.start())) {
            throw new IllegalArgumentException("the clock starts at " + replacement.start() + ", the publisher at " + clock.start());
        }
        this.clock = replacement;
        return this;
    }

    /**
     * Connects every connection (failing fast, with the broker's reason, when one cannot connect) and starts the clock.
     *
     * @throws IllegalStateException when the broker cannot be reached or refuses a connection, or when already started
     */
    public synchronized FleetPublisher start() {
        if (closed.get()) throw new IllegalStateException("publisher closed");
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("publisher already started");
        List<SimulatedDevice> devices = fleet.devices();
        int lanes = Math.min(config.connections(), devices.size());
        if (lanes > MANY_CONNECTIONS) {
            LOG.warn("{} MQTT connections: each costs the MQTT client three to four threads; use fewer connections "
                    + "unless the broker's session handling is what is being tested", lanes);
        }
        BrokerConnection.Counters counters = new BrokerConnection.Counters(published, failed, this::checkFinished);
        DeviceConnection.Hooks hooks = new DeviceConnection.Hooks(notices, serviceEvents, this::recordTruth);
        RateLimiter rate = config.maxRate() > 0 ? new RateLimiter(config.maxRate()) : null;
        for (int lane = 0; lane < lanes; lane++) {
            List<SimulatedDevice> mine = new ArrayList<>(devices.size() / lanes + 1);
            for (int i = lane; i < devices.size(); i += lanes) mine.add(devices.get(i));
            connections.add(new DeviceConnection(config.mqtt(), config.clientIdPrefix() + "-" + lane, mine, resumeAfter,
                    config.listenForService(), rate, counters, hooks));
        }
        List<IMqttToken> connecting = new ArrayList<>();
        for (DeviceConnection c : connections) {
            try {
                connecting.add(c.beginConnect());
            } catch (MqttException e) {
                throw connectFailed(c, e);
            }
        }
        for (int i = 0; i < connections.size(); i++) {
            try {
                connections.get(i).awaitConnected(connecting.get(i));
            } catch (MqttException e) {
                throw connectFailed(connections.get(i), e);
            } catch (IllegalStateException e) {
                throw setUpFailed(e);
            }
        }
        scheduler = Executors.newScheduledThreadPool(Math.min(lanes, MAX_TICK_THREADS) + 1, namedDaemonThreads());
        connected = true;
        clock.startTicking();
        wallStartNanos = System.nanoTime();
        lastSample = new RateSample(wallStartNanos, 0);
        for (DeviceConnection c : connections) {
            scheduler.scheduleWithFixedDelay(() -> tick(c), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleAtFixedRate(this::reportProgress, PROGRESS_INTERVAL.toMillis(), PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("publishing {} devices ({} degrading) to {} over {} connections, sim start {}, speed-up {}×{}{}{}",
                devices.size(), fleet.groundTruth().size(), config.serverUri(), lanes, config.start(), config.speedUp(),
                clock.catchesUp() ? " until sim time reaches the wall clock, then real time (from " + clock.start() + ")" : "",
                rate == null ? "" : ", at most " + rate.perSecond() + " msg/s", config.listenForService() ? ", listening for service" : "");
        return this;
    }

    private IllegalStateException setUpFailed(IllegalStateException e) {
        closed.set(true);
        disconnectAll();
        closeDone.countDown();
        return e;
    }

    private IllegalStateException connectFailed(DeviceConnection c, MqttException e) {
        closed.set(true);
        disconnectAll();
        closeDone.countDown();
        return new IllegalStateException("cannot connect " + c.clientId() + " to MQTT broker " + config.serverUri()
                + ": " + e.getMessage() + " (reason code " + e.getReasonCode() + ")", e);
    }

    private void disconnectAll() {
        List<IMqttToken> disconnecting = new ArrayList<>();
        for (DeviceConnection c : connections) disconnecting.add(c.beginDisconnect());
        for (int i = 0; i < connections.size(); i++) connections.get(i).awaitDisconnected(disconnecting.get(i));
    }

    private void tick(DeviceConnection connection) {
        if (closed.get()) return;
        Instant simEnd = config.simEnd();
        Instant now = clock.now();
        Instant until = simEnd != null && now.isAfter(simEnd) ? simEnd : now;
        try {
            connection.publishDue(until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            // Never let one failure silently cancel this connection's schedule.
            LOG.error("{}: publishing failed", connection.clientId(), e);
            return;
        }
        checkFinished();
    }

    // A bounded run is finished when every device has published up to the sim end and nothing is in flight.
    private void checkFinished() {
        Instant simEnd = config.simEnd();
        if (simEnd == null || finished.getCount() == 0 || clock.now().isBefore(simEnd)) return;
        for (DeviceConnection c : connections) {
            if (!c.coveredUntil(simEnd) || c.inFlight() > 0) return;
        }
        finished.countDown();
    }

    /** True once a bounded run ({@link FleetConfig#simSpan()}) has published everything up to its sim end. */
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /**
     * Waits until a bounded run is finished.
     *
     * @return false when {@code timeout} passed first (always, for an unbounded run)
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once a publisher that {@linkplain #catchUpWithWallClock() catches up} has reached the wall clock. */
    public boolean isLive() {
        return clock.isLive();
    }

    /**
     * After {@link #close()}: the sim time up to which every reading has been published, to give the next run as
     * {@code resumeAfter}. It is the sim clock at the stop or, when publishing lagged behind the clock, just before the
     * earliest reading not yet published; a publish still unconfirmed at the stop counts as not published. A run resumed
     * from it skips nothing, and repeats nothing unless connections stopped at different points of a backlog or
     * publishes were unconfirmed (repeats carry their sequence numbers; the job drops them). Before the close, and
     * for a publisher that never started, it is {@code resumeAfter}.
     */
    public Instant resumePoint() {
        return resumePoint;
    }

    /** The sim clock: {@code start} until {@link #start()}, then advancing at the speed-up (held at the sim end). */
    public Instant simNow() {
        Instant now = clock.now();
        Instant simEnd = config.simEnd();
        return simEnd != null && now.isAfter(simEnd) ? simEnd : now;
    }

    public PublisherStats stats() {
        Instant now = simNow();
        int[] counts = new int[2];
        if (!connected) {
            for (SimulatedDevice d : fleet.devices()) {
                Fault f = d.fault().orElse(null);
                if (f == null) continue;
                if (f.isActive(now)) counts[0]++;
                if (f.hasFailed(now)) counts[1]++;
            }
        } else {
            for (DeviceConnection c : connections) c.countFaults(now, counts);
        }
        long count = published.get();
        Double perSecond = windowRate;
        if (perSecond == null) {
            double seconds = started.get() ? (System.nanoTime() - wallStartNanos) / 1e9 : 0;
            perSecond = seconds > 0 ? count / seconds : 0;
        }
        return new PublisherStats(now, clock.isLive(), fleet.devices().size(), count, perSecond, failed.get(), counts[0], counts[1],
                notices.get(), serviceEvents.get());
    }

    /**
     * Sends the ground truth of every service visit (a {@link io.forewarn.simulator.truth.MaintenanceRecord}, and a
     * rescheduled {@link io.forewarn.simulator.truth.GroundTruth} when a degradation was reset) to {@code sink} as
     * it takes effect, e.g. a {@link io.forewarn.simulator.truth.GroundTruthLog}. Call before {@link #start()}.
     */
    public FleetPublisher recordTruthTo(Consumer<TruthRow> sink) {
        this.truthSink = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /** The ground-truth rows of the service visits applied so far, in the order they took effect. */
    public List<TruthRow> truthRecorded() {
        return List.copyOf(truthRecorded);
    }

    private void recordTruth(TruthRow row) {
        truthRecorded.add(row);
        truthSink.accept(row);
    }

    private void reportProgress() {
        long nanos = System.nanoTime();
        long count = published.get();
        RateSample previous = lastSample;
        if (clock.isLive() && liveAnnounced && nanos - previous.nanos() < LIVE_PROGRESS_INTERVAL.toNanos()) return;
        double seconds = (nanos - previous.nanos()) / 1e9;
        if (seconds > 0) windowRate = (count - previous.published()) / seconds;
        lastSample = new RateSample(nanos, count);
        if (!liveAnnounced && clock.isLive()) {
            liveAnnounced = true;
            LOG.info("sim time has caught up with the wall clock at {}; it runs in real time from now on", clock.now());
        }
        try {
            progress.accept(stats());
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
    }

    /**
     * Stops publishing, waits briefly for publishes in flight, disconnects. Safe to call more than once and from
     * several threads (e.g. a shutdown hook and the main thread): every call returns once the publisher is closed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            if (started.get()) shutDown();
        } finally {
            closeDone.countDown();
        }
    }

    private void awaitClosed() {
        try {
            if (!closeDone.await(30, TimeUnit.SECONDS)) LOG.warn("publisher still closing after 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Synchronized with start(): a Ctrl-C while connecting closes once the connections exist.
    private synchronized void shutDown() {
        connections.forEach(DeviceConnection::stop);
        Instant stoppedAt = simNow();  // nothing is published after the stop, so nothing after this
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) scheduler.shutdownNow();
            for (DeviceConnection c : connections) {
                if (!c.drain(5_000)) LOG.warn("{}: {} publishes still in flight at close", c.clientId(), c.inFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Instant reached = stoppedAt;
        for (DeviceConnection c : connections) {
            Instant published = c.publishedUntil();
            if (published.isBefore(reached)) reached = published;
        }
        resumePoint = reached;
        disconnectAll();
        progress.accept(stats());
        LOG.info("publisher closed");
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "forewarn-sim-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
