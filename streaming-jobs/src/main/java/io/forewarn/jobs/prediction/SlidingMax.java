package io.forewarn.jobs.prediction;

import java.io.Serializable;
import java.util.ArrayDeque;

/**
 * The maximum of a series over a trailing time window, in amortised constant time (a monotone deque).
 * Wear that shows intermittently (a fault that comes and goes) is tracked by its recent peaks, not by every reading.
 */
final class SlidingMax implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double windowHours;
    private final ArrayDeque<double[]> candidates = new ArrayDeque<>(); // {hours, value}, values decreasing

    SlidingMax(double windowHours) {
        this.windowHours = windowHours;
    }

    /** Adds a value at {@code hours} and returns the maximum over the window ending there. */
    double add(double hours, double value) {
        while (!candidates.isEmpty() && candidates.peekLast()[1] <= value) {
            candidates.pollLast();
        }
        candidates.addLast(new double[] {hours, value});
        while (candidates.peekFirst()[0] < hours - windowHours) {
            candidates.pollFirst();
        }
        return candidates.peekFirst()[1];
    }
}
