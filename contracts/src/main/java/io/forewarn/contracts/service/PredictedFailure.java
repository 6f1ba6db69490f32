package io.forewarn.contracts.service;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param suppressedBy null when the prediction was acted on; {@link #VISIT_IN_PROGRESS} or
 *     {@link #SETTLING_AFTER_VISIT} when the device was under maintenance, so it opened and escalated no ticket and
 *     sent no reminder (it is kept as evidence)
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
        List<Evidence> evidence,
        @JsonInclude(JsonInclude.Include.NON_NULL) String suppressedBy) {

    public static final int SCHEMA_VERSION = 1;
    /** A technician was working on the device (a visit started and not finished). */
    public static final String VISIT_IN_PROGRESS = "VISIT_IN_PROGRESS";
    /** A visit finished within the settling period: the readings are still changing after the work. */
    public static final String SETTLING_AFTER_VISIT = "SETTLING_AFTER_VISIT";

    /** A prediction to act on (not suppressed). */
    public PredictedFailure(int schemaVersion, String predictionId, String deviceId, String productModel, String failureMode,
                            Instant detectedAt, Instant estimatedFailureAt, double confidence, double healthIndex,
                            double anomalyScore, double threshold, String modelVersion, List<Evidence> evidence) {
        this(schemaVersion, predictionId, deviceId, productModel, failureMode, detectedAt, estimatedFailureAt, confidence,
                healthIndex, anomalyScore, threshold, modelVersion, evidence, null);
    }

    /** This prediction, recorded but not acted on for {@code reason}. */
    public PredictedFailure suppressed(String reason) {
        return new PredictedFailure(schemaVersion, predictionId, deviceId, productModel, failureMode, detectedAt,
                estimatedFailureAt, confidence, healthIndex, anomalyScore, threshold, modelVersion, evidence, reason);
    }

    /** One feature's contribution: its current value, its healthy baseline and how far it moved, in baseline widths. */
    public record Evidence(String feature, String unit, double value, double baseline, double deviation) {}
}
