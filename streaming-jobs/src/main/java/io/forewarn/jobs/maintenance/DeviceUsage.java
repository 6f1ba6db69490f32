package io.forewarn.jobs.maintenance;

import io.forewarn.contracts.catalog.MaintenancePlan;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How much one device has been used, and how much of that since each of its maintenance plans was last carried out.
 *
 * <ul>
 *   <li>Runtime: every reading in a monitored operating mode, or naming no mode, stands for the product model's
 *       sample interval of running.</li>
 *   <li>Cycles: one each time the product enters a monitored mode from a mode that is not (a washing machine going
 *       from {@code wash} to {@code spin}); readings that name no mode count no cycles.</li>
 * </ul>
 * Counting starts at zero with the device's first reading the job sees.
 */
public final class DeviceUsage implements Serializable {
    private static final long serialVersionUID = 1L;

    private long runtimeSeconds;
    private long cycles;
    private String lastMode;
    private Instant lastReadingAt;
    private final Map<String, PlanCount> plans = new HashMap<>();

    /** Where one plan stands: the usage when it was last carried out, and how often it fell due. */
    private static final class PlanCount implements Serializable {
        private static final long serialVersionUID = 1L;
        long runtimeSecondsAtService;
        long cyclesAtService;
        int duesSinceService;
        int dues;
    }

    public void observe(TelemetryMessage reading, ProductModel model) {
        String mode = reading.mode();
        boolean running = model.isMonitored(mode);
        if (running) {
            runtimeSeconds += model.sampleIntervalSeconds();
        }
        if (running && mode != null && lastMode != null && !model.isMonitored(lastMode)) {
            cycles++;
        }
        lastMode = mode;
        if (lastReadingAt == null || reading.eventTime().isAfter(lastReadingAt)) {
            lastReadingAt = reading.eventTime();
        }
    }

    /** Event time of the newest reading observed, or null before the first. */
    public Instant lastReadingAt() {
        return lastReadingAt;
    }

    /** Use since the plan was last carried out, in its unit: runtime hours or cycles. */
    public double sinceService(MaintenancePlan plan) {
        PlanCount count = count(plan.id());
        return usesCycles(plan)
                ? cycles - count.cyclesAtService
                : (runtimeSeconds - count.runtimeSecondsAtService) / 3600.0;
    }

    /**
     * Whether the plan has fallen due again: a further full interval of use since it was last carried out. When it
     * has, returns the due's number over the device's life (1, 2, ...), which names its ticket; it falls due once per
     * interval.
     */
    public OptionalInt fallDue(MaintenancePlan plan) {
        PlanCount count = count(plan.id());
        double interval = usesCycles(plan) ? plan.intervalCycles() : plan.intervalRuntimeHours();
        if (interval <= 0 || sinceService(plan) < interval * (count.duesSinceService + 1)) {
            return OptionalInt.empty();
        }
        count.duesSinceService++;
        return OptionalInt.of(++count.dues);
    }

    /** How often the plan has fallen due over the device's life. */
    public int dues(String planId) {
        PlanCount count = plans.get(planId);
        return count == null ? 0 : count.dues;
    }

    /** The plan was carried out: its count starts again from nothing. */
    public void serviced(String planId) {
        PlanCount count = count(planId);
        count.runtimeSecondsAtService = runtimeSeconds;
        count.cyclesAtService = cycles;
        count.duesSinceService = 0;
    }

    private PlanCount count(String planId) {
        return plans.computeIfAbsent(planId, id -> new PlanCount());
    }

    static boolean usesCycles(MaintenancePlan plan) {
        return plan.intervalCycles() != null;
    }
}
