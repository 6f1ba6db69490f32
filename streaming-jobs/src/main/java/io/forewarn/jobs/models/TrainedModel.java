package io.forewarn.jobs.models;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A trained anomaly model as a plain value: the detector with everything needed to trust and reproduce it.
 *
 * @param version e.g. {@code AC-INV-12K/v3}; every prediction records it
 * @param features feature names in the order the detector expects
 * @param threshold score above which a reading counts as anomalous
 * @param targetFalseAlarmRate share of healthy readings allowed above the threshold when it was calibrated
 * @param trainingDescription where the training data came from and its time window
 */
public record TrainedModel(
        String productModel,
        String version,
        List<String> features,
        double threshold,
        double targetFalseAlarmRate,
        double observedFalseAlarmRate,
        int trainingVectors,
        String trainingDescription,
        Instant trainedAt,
        AnomalyDetector detector) implements Serializable {

    public double score(double[] normalisedFeatures) {
        return detector.score(normalisedFeatures);
    }
}
