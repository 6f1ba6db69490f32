package io.forewarn.contracts.service;

import java.time.Instant;
import java.util.List;

/**
 * The job's statement that a device is heading for a failure. See docs/contracts/predicted-failure.md.
 *
 * @param predictionId deterministic: the same device, mode and degradation episode always give the same id
 * @param detectedAt event time of the reading that confirmed the prediction
 * @param estimatedFailureAt when the health index is extrapolated to reach its failure threshold
 * @param confidence 0..1, how well the trend fits and how clearly the mode's signature matches
 * @param healthIndex 1 is healthy, 0 is failed
 * @param anomalyScore the model's score of the confirming reading, compared against {@code threshold}
 * @param evidence the sensors and features that drove the score, strongest first
 */
public record PredictedFailure(
        int schemaVersion,
        String predictionId,
        String deviceId,
        String productModel,
        String failureMode,
        Instant detectedAt,
        Instant estimatedFailureAt,
        double confidence,
        double healthIndex,
        double anomalyScore,
        double threshold,
        String modelVersion,
        List<Evidence> evidence) {

    public static final int SCHEMA_VERSION = 1;

    /** One feature's contribution: its current value, its healthy baseline and how far it moved, in baseline widths. */
    public record Evidence(String feature, String unit, double value, double baseline, double deviation) {}
}
