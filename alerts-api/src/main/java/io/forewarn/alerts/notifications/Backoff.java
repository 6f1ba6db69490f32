package io.forewarn.alerts.notifications;

import java.time.Duration;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code base · 2^(n-1)}, capped at
 * {@code max}. The random half keeps many deliveries that failed together (a gateway outage) from retrying in step.
 */
public record Backoff(Duration base, Duration max) {

    /**
     * @param attempt the attempt that just failed, from 1
     * @param random a uniform value in [0, 1)
     */
    public Duration delay(int attempt, double random) {
        long baseMs = base.toMillis();
        long capMs = max.toMillis();
        // Doubling beyond 2^30 would overflow long arithmetic long before it matters: the cap has applied by then.
        long exponential = attempt > 31 ? capMs : Math.min(capMs, baseMs * (1L << Math.max(0, attempt - 1)));
        long half = exponential / 2;
        return Duration.ofMillis(half + (long) ((exponential - half) * random));
    }
}
