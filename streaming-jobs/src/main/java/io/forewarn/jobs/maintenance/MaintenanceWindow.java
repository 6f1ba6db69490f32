package io.forewarn.jobs.maintenance;

import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.ServiceMessage;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One device's service visits as a deciding operator sees them, kept in its keyed state: the visits heard of that
 * have not taken effect yet (their time is still ahead of the device's readings), and the latest visit that has,
 * which holds decisions about the device back while the technician works and while the readings settle afterwards.
 *
 * <p>All times are the telemetry's event time. A visit without a time takes effect at "now" as the operator knows
 * it (its device's latest reading, or the job's watermark), or at its next observation when it knows none yet.
 */
public final class MaintenanceWindow implements Serializable {
    private static final long serialVersionUID = 1L;
    /** At most this many visits wait for their time; beyond that a publisher is sending times far ahead, and they are dropped. */
    static final int MAX_WAITING = 16;

    private final List<Visit> waiting = new ArrayList<>();
    private Instant visitStart;
    private Instant visitEnd;
    private Instant settledAt;

    /** A visit and the event time it takes effect (null: at the next observation). */
    public record Visit(ServiceMessage message, Instant at) implements Serializable {}

    /**
     * Hears of a visit, which takes effect at its own time, else at {@code now}, else (now unknown) at the next
     * observation. Returns false, dropping it, when {@link #MAX_WAITING} visits are waiting already.
     */
    public boolean hear(ServiceMessage visit, Instant now) {
        if (waiting.size() >= MAX_WAITING) {
            return false;
        }
        waiting.add(new Visit(visit, visit.at() != null ? visit.at() : now));
        return true;
    }

    /**
     * Moves to event time {@code t}: the waiting visits due by then take effect, in time order, and are returned with
     * their times so the caller can act on them (close a ticket, restart a plan's count).
     */
    public List<Visit> advanceTo(Instant t, Duration settle) {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<Visit> due = new ArrayList<>();
        waiting.removeIf(v -> {
            boolean isDue = v.at() == null || !v.at().isAfter(t);
            if (isDue) due.add(v.at() == null ? new Visit(v.message(), t) : v);
            return isDue;
        });
        due.sort(Comparator.comparing(Visit::at));
        due.forEach(v -> apply(v, settle));
        return due;
    }

    private void apply(Visit v, Duration settle) {
        boolean noVisitOpen = visitStart == null || visitEnd != null;
        if (!v.message().finished()) {
            if (noVisitOpen) { // a second "started" during an open visit keeps the first start
                visitStart = v.at();
                visitEnd = null;
                settledAt = null;
            }
            return;
        }
        if (noVisitOpen || v.at().isBefore(visitStart)) {
            visitStart = v.at(); // finished without a start heard: a visit of no length
        }
        visitEnd = v.at();
        settledAt = v.at().plus(settle);
    }

    /**
     * Why decisions about the device are held back at {@code t}: {@link PredictedFailure#VISIT_IN_PROGRESS},
     * {@link PredictedFailure#SETTLING_AFTER_VISIT}, or null when they are not. A visit never reported finished
     * counts as over {@code openVisitLimit} after it started.
     */
    public String holdAt(Instant t, Duration openVisitLimit) {
        if (visitStart == null || t.isBefore(visitStart)) {
            return null;
        }
        if (visitEnd == null) {
            return t.isBefore(visitStart.plus(openVisitLimit)) ? PredictedFailure.VISIT_IN_PROGRESS : null;
        }
        if (t.isBefore(visitEnd)) {
            return PredictedFailure.VISIT_IN_PROGRESS;
        }
        return t.isBefore(settledAt) ? PredictedFailure.SETTLING_AFTER_VISIT : null;
    }
}
