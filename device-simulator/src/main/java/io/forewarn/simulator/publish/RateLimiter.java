package io.forewarn.simulator.publish;

import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket shared by every connection of a publisher: at most {@code perSecond} publishes per wall second on
 * average, with bursts of at most a twentieth of a second's worth (the publisher's tick). A caller that finds the
 * bucket empty reserves the next token and sleeps until it is due, so waiting callers are served in turn.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    public RateLimiter(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of messages per second, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond / 20);
        this.tokens = burst;
        this.refilledAt = System.nanoTime();
    }

    public double perSecond() {
        return perSecond;
    }

    /** Takes one token, sleeping until it is due when the bucket is empty. */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            LockSupport.parkNanos(waitNanos);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    // The bucket may go negative: each reservation beyond the burst pushes the next caller's turn further out.
    private synchronized long reserve() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
    }
}
