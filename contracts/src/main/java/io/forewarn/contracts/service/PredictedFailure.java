package io.forewarn.contracts.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The job's statement that a device is heading for a failure. See docs/contracts/predicted-failure.md.
 *
 * @param predictionId deterministic: the same device, mode and degradation episode always give the same id
 * @param detectedAt event time of the reading that confirmed the prediction
 * @param estimatedFailureAt when the device is expected to fail, estimated by {@code estimateMethod}
 * @param confidence 0..1, how sure the estimate is (of the method used) times how clearly the mode's signature matches
 * @param healthIndex 1 is healthy, 0 is failed
 * @param anomalyScore the model's score of the confirming reading, compared against {@code threshold}
 * @param modelVersion the version of the model file that made the prediction ({@code {productModel}/v{N}}): its
 *     anomaly detector scored the reading and, for {@link EstimateMethod#SUPERVISED_MODEL}, its time-to-failure model
 *     (trained into the same file, same version) estimated the failure time
 * @param estimateMethod how {@code estimatedFailureAt} was estimated
 * @param evidence the sensors and features that drove the score, strongest first, each saying what it is compared with
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
        EstimateMethod estimateMethod,
        List<Evidence> evidence,
        @JsonInclude(JsonInclude.Include.NON_NULL) String suppressedBy) {

    /** Version 2 made the estimate method and each evidence item's kind fields; version 1 had them as suffixes. */
    public static final int SCHEMA_VERSION = 2;
    /** A technician was working on the device (a visit started and not finished). */
    public static final String VISIT_IN_PROGRESS = "VISIT_IN_PROGRESS";
    /** A visit finished within the settling period: the readings are still changing after the work. */
    public static final String SETTLING_AFTER_VISIT = "SETTLING_AFTER_VISIT";

    /** Version 1's mark of a supervised estimate, appended to the model version. */
    static final String VERSION_1_SUPERVISED_SUFFIX = "#supervised";
    /** Version 1's mark of device-baseline evidence, appended to the sensor's name. */
    static final String VERSION_1_DEVICE_BASELINE_SUFFIX = " (this device's usual range)";

    /** Reads a version-1 document as version 2, so predictions written before the change stay readable. */
    public PredictedFailure {
        if (schemaVersion == 1) {
            estimateMethod = modelVersion != null && modelVersion.endsWith(VERSION_1_SUPERVISED_SUFFIX)
                    ? EstimateMethod.SUPERVISED_MODEL : EstimateMethod.TREND_EXTRAPOLATION;
            modelVersion = withoutSuffix(modelVersion, VERSION_1_SUPERVISED_SUFFIX);
            evidence = evidence == null ? null : evidence.stream().map(Evidence::fromVersion1).toList();
            schemaVersion = SCHEMA_VERSION;
        }
    }

    /** A prediction to act on (not suppressed). */
    public PredictedFailure(int schemaVersion, String predictionId, String deviceId, String productModel, String failureMode,
                            Instant detectedAt, Instant estimatedFailureAt, double confidence, double healthIndex,
                            double anomalyScore, double threshold, String modelVersion, EstimateMethod estimateMethod,
                            List<Evidence> evidence) {
        this(schemaVersion, predictionId, deviceId, productModel, failureMode, detectedAt, estimatedFailureAt, confidence,
                healthIndex, anomalyScore, threshold, modelVersion, estimateMethod, evidence, null);
    }

    /** This prediction, recorded but not acted on for {@code reason}. */
    public PredictedFailure suppressed(String reason) {
        return new PredictedFailure(schemaVersion, predictionId, deviceId, productModel, failureMode, detectedAt,
                estimatedFailureAt, confidence, healthIndex, anomalyScore, threshold, modelVersion, estimateMethod,
                evidence, reason);
    }

    /**
     * One feature's contribution: its current value, the baseline it is compared with and how far it moved, in
     * widths of that baseline's range; {@code kind} says whose baseline it is.
     */
    public record Evidence(String feature, String unit, double value, double baseline, double deviation, EvidenceKind kind) {

        /** A version-1 item: device-baseline evidence was marked by a suffix of the feature name. */
        static Evidence fromVersion1(Evidence e) {
            boolean own = e.feature() != null && e.feature().endsWith(VERSION_1_DEVICE_BASELINE_SUFFIX);
            return new Evidence(withoutSuffix(e.feature(), VERSION_1_DEVICE_BASELINE_SUFFIX), e.unit(), e.value(),
                    e.baseline(), e.deviation(), own ? EvidenceKind.DEVICE_BASELINE : EvidenceKind.PRODUCT_MODEL);
        }
    }

    private static String withoutSuffix(String text, String suffix) {
        return text != null && text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }
}
