package io.forewarn.simulator.maintenance;

import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.MaintenanceRecord;
import io.forewarn.simulator.truth.TruthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service visit does to a simulated device, and the ground truth it leaves.
 *
 * <ul>
 *   <li>A {@link MaintenanceType#REPAIR} ends a fault that has shown itself ({@code onset ≤ at}), failed or not:
 *       the device reads healthy from {@code at} on.</li>
 *   <li>A {@link MaintenanceType#PREVENTIVE_SERVICE} resets a degradation that is under way and has not failed:
 *       it starts again at {@code at} and, left alone, fails after the same span as before. A failed product needs a
 *       repair, so a preventive service leaves it failed.</li>
 *   <li>A fault whose onset is still ahead is untouched by either (nothing to see or fix yet).</li>
 * </ul>
 */
public final class Maintenance {
    private Maintenance() {}

    /**
     * @param device the device as it is before the visit
     * @param rows the maintenance record, followed by the rescheduled failure when a degradation was reset
     */
    public record Outcome(SimulatedDevice device, List<TruthRow> rows) {}

    public static Outcome apply(SimulatedDevice device, MaintenanceType type, Instant at, String ticketId) {
        Fault fault = device.fault().orElse(null);
        boolean underWay = fault != null && !at.isBefore(fault.onsetAt());
        List<TruthRow> rows = new ArrayList<>(2);
        rows.add(new MaintenanceRecord(device.deviceId(), device.model().id(), type, at, underWay ? fault.mode().id() : null, ticketId));
        SimulatedDevice after = device;
        if (underWay && type == MaintenanceType.REPAIR) {
            after = device.healthy();
        } else if (underWay && type == MaintenanceType.PREVENTIVE_SERVICE && !fault.hasFailed(at)) {
            Duration span = Duration.between(fault.onsetAt(), fault.failureAt());
            Fault reset = new Fault(fault.mode(), fault.kind(), at, at.plus(span), fault.seed());
            after = device.withFault(reset);
            rows.add(GroundTruth.of(device.deviceId(), device.model().id(), reset));
        }
        return new Outcome(after, List.copyOf(rows));
    }
}
