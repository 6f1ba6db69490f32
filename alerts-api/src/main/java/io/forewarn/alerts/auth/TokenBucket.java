package io.forewarn.alerts.auth;

/**
 * A rate: {@code perMinute} tokens refilled evenly over each minute, holding at most as many, so a caller may
 * burst up to the limit and then goes at the limit's pace. Time is given in nanoseconds by the caller.
 */
public final class TokenBucket {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final int perMinute;
    private double tokens;
    private long updatedAt;

    public TokenBucket(int perMinute, long now) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.updatedAt = now;
    }

    /** Tokens available at {@code now}, after refilling. */
    public synchronized double available(long now) {
        tokens = Math.min(perMinute, tokens + (now - updatedAt) * perMinute / NANOS_PER_MINUTE);
        updatedAt = now;
        return tokens;
    }

    public synchronized void take() {
        tokens -= 1;
    }

    /** Takes a token if one is available. */
    public synchronized boolean tryTake(long now) {
        if (available(now) < 1) {
            return false;
        }
        take();
        return true;
    }

    public synchronized boolean isFull(long now) {
        return available(now) >= perMinute;
    }

    /** Whole seconds until the next token is available (at least 1), for a Retry-After header. */
    public synchronized long secondsUntilNext(long now) {
        double missing = 1 - available(now);
        return Math.max(1, (long) Math.ceil(missing * NANOS_PER_MINUTE / perMinute / 1e9));
    }
}
