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
 * @param trainingData the same in detail (file, rows, devices, period, columns, excluded windows); null in model
 *     files written before it was recorded
 * @param timeToFailure the supervised time-to-failure model trained with it from run-to-failure history, or null
 *     when there was none (the job then extrapolates the trend alone)
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
        AnomalyDetector detector,
        TrainingData trainingData,
        TimeToFailureModel timeToFailure) implements Serializable {

    /** This model with a supervised time-to-failure model beside its detector (same version, same file). */
    public TrainedModel withTimeToFailure(TimeToFailureModel model) {
        return new TrainedModel(productModel, version, features, threshold, targetFalseAlarmRate, observedFalseAlarmRate,
                trainingVectors, trainingDescription, trainedAt, detector, trainingData, model);
    }

    public double score(double[] normalisedFeatures) {
        return detector.score(normalisedFeatures);
    }
}
