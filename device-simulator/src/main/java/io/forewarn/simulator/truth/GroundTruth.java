package io.forewarn.simulator.truth;

import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.faults.FaultKind;
import java.time.Instant;

/**
 * What really happens to one device in a simulation run: the fault it develops and when, to score predictions against.
 *
 * @param failureMode catalog id of the failure mode
 * @param onsetAt when the signature starts to show (equals {@code failureAt} for a sudden fault)
 * @param failureAt when the product fails
 */
public record GroundTruth(String deviceId, String productModel, String failureMode, FaultKind kind, Instant onsetAt, Instant failureAt) {

    public static GroundTruth of(String deviceId, String productModel, Fault fault) {
        return new GroundTruth(deviceId, productModel, fault.mode().id(), fault.kind(), fault.onsetAt(), fault.failureAt());
    }
}
