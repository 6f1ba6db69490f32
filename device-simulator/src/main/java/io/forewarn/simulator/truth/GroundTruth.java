package io.forewarn.simulator.truth;

import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.faults.FaultKind;
import java.time.Instant;

/**
 * A failure in the ground truth: the fault one device develops and when, to score predictions against.
 *
 * @param failureMode catalog id of the failure mode (for replayed data: whatever the events file says, possibly null)
 * @param kind how the fault developed; null when unknown (replayed data)
 * @param onsetAt when the signature starts to show (equals {@code failureAt} for a sudden fault); null when unknown
 * @param failureAt when the product fails (or would have, had no repair come first)
 */
public record GroundTruth(String deviceId, String productModel, String failureMode, FaultKind kind, Instant onsetAt, Instant failureAt)
        implements TruthRow {

    public static GroundTruth of(String deviceId, String productModel, Fault fault) {
        return new GroundTruth(deviceId, productModel, fault.mode().id(), fault.kind(), fault.onsetAt(), fault.failureAt());
    }
}
