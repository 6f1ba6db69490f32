package io.forewarn.simulator.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/** Sim time driven by wall time: {@code simNow = start + speedUp × elapsed wall time}, frozen until started. */
public final class SimClock {
    private final Instant start;
    private final double speedUp;
    private final LongSupplier nanoTime;
    private volatile long wallStartNanos;
    private volatile boolean running;

    public SimClock(Instant start, double speedUp) {
        this(start, speedUp, System::nanoTime);
    }

    SimClock(Instant start, double speedUp, LongSupplier nanoTime) {
        if (!(speedUp > 0)) throw new IllegalArgumentException("speedUp must be positive, got " + speedUp);
        this.start = start;
        this.speedUp = speedUp;
        this.nanoTime = nanoTime;
    }

    /** Starts the clock at {@code start}; calling it again restarts it. */
    public void startTicking() {
        wallStartNanos = nanoTime.getAsLong();
        running = true;
    }

    public Instant now() {
        if (!running) return start;
        long elapsed = nanoTime.getAsLong() - wallStartNanos;
        return start.plus(Duration.ofNanos((long) (elapsed * speedUp)));
    }

    public Instant start() {
        return start;
    }

    public double speedUp() {
        return speedUp;
    }
}
