package io.forewarn.simulator.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Sim time driven by wall time, frozen at {@code start} until started. Two paces:
 * <ul>
 *   <li>accelerated ({@link #SimClock(Instant, double)}): {@code simNow = start + speedUp × elapsed wall time}, for
 *       as long as it runs, so it may run ahead of the wall clock;</li>
 *   <li>catching up ({@link #catchingUp}): the same, but never past the wall clock. A start in the past is replayed
 *       at the speed-up until sim time reaches the wall clock; from then on sim time is the wall clock (real time),
 *       so no reading's event time is ever in the future and the rest of the system can run on the one clock.</li>
 * </ul>
 */
public final class SimClock {
    private final Instant start;
    private final double speedUp;
    private final LongSupplier nanoTime;
    private final Clock wallClock;  // null: accelerated, not bounded by the wall clock
    private final AtomicReference<Instant> latest;
    private volatile long wallStartNanos;
    private volatile boolean running;

    public SimClock(Instant start, double speedUp) {
        this(start, speedUp, System::nanoTime, null);
    }

    SimClock(Instant start, double speedUp, LongSupplier nanoTime) {
        this(start, speedUp, nanoTime, null);
    }

    private SimClock(Instant start, double speedUp, LongSupplier nanoTime, Clock wallClock) {
        if (!(speedUp > 0)) throw new IllegalArgumentException("speedUp must be positive, got " + speedUp);
        this.start = start;
        this.speedUp = speedUp;
        this.nanoTime = nanoTime;
        this.wallClock = wallClock;
        this.latest = new AtomicReference<>(start);
    }

    /**
     * A clock that replays from {@code start} at {@code speedUp} until it reaches the system clock, then runs in real
     * time with it. A {@code start} ahead of the system clock is held until the system clock gets there.
     */
    public static SimClock catchingUp(Instant start, double speedUp) {
        return catchingUp(start, speedUp, System::nanoTime, Clock.systemUTC());
    }

    /** As {@link #catchingUp(Instant, double)}, with the wall clock and the elapsed-time source given (for tests). */
    static SimClock catchingUp(Instant start, double speedUp, LongSupplier nanoTime, Clock wallClock) {
        return new SimClock(start, speedUp, nanoTime, wallClock);
    }

    /**
     * Where a catching-up fleet starts: {@code back} before {@code now}, on a five-minute mark (the catalog's sample
     * interval), so readings fall on round times.
     */
    public static Instant startBefore(Instant now, Duration back) {
        long second = now.minus(back).getEpochSecond();
        return Instant.ofEpochSecond(second - Math.floorMod(second, 300));
    }

    /** Starts the clock at {@code start}; calling it again restarts it. */
    public void startTicking() {
        wallStartNanos = nanoTime.getAsLong();
        latest.set(start);
        running = true;
    }

    public Instant now() {
        if (!running) return start;
        Instant accelerated = accelerated();
        if (wallClock == null) return accelerated;
        Instant wall = wallClock.instant();
        Instant candidate = accelerated.isBefore(wall) ? accelerated : wall;
        // Never backwards: the wall clock may be stepped back (NTP), and a start ahead of it is held, not rewound.
        return latest.accumulateAndGet(candidate, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** True once a catching-up clock has reached the wall clock and runs in real time; never for an accelerated one. */
    public boolean isLive() {
        if (wallClock == null || !running) return false;
        return !accelerated().isBefore(wallClock.instant());
    }

    /** {@code start + speedUp × elapsed wall time}, unbounded. */
    private Instant accelerated() {
        return start.plus(Duration.ofNanos((long) ((nanoTime.getAsLong() - wallStartNanos) * speedUp)));
    }

    /** True for a clock made by {@link #catchingUp}. */
    public boolean catchesUp() {
        return wallClock != null;
    }

    public Instant start() {
        return start;
    }

    public double speedUp() {
        return speedUp;
    }
}
