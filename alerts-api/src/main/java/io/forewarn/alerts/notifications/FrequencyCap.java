package io.forewarn.alerts.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** At most {@code maxPerWeek} notices to one customer in any seven days (a rolling window, not calendar weeks). */
public record FrequencyCap(int maxPerWeek) {
    public static final Duration WINDOW = Duration.ofDays(7);

    public FrequencyCap {
        if (maxPerWeek < 1) {
            throw new IllegalArgumentException("maxPerWeek must be at least 1, was " + maxPerWeek);
        }
    }

    /**
     * When another notice may go out, or null when it may go now.
     *
     * @param recent when each of the customer's other notices went out, oldest first (older ones are ignored)
     */
    public Instant heldUntil(List<Instant> recent, Instant now) {
        List<Instant> inWindow = recent.stream().filter(at -> at.isAfter(now.minus(WINDOW))).toList();
        if (inWindow.size() < maxPerWeek) {
            return null;
        }
        // The window has room again once enough of the oldest notices have aged out of it.
        return inWindow.get(inWindow.size() - maxPerWeek).plus(WINDOW);
    }
}
