package io.forewarn.simulator.truth;

/** One row of the ground-truth file: a failure, or a maintenance event. */
public sealed interface TruthRow permits GroundTruth, MaintenanceRecord {
    String deviceId();

    String productModel();
}
