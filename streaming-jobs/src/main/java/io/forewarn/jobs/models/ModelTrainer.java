package io.forewarn.jobs.models;

import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a product model's anomaly detector on healthy readings and calibrates its threshold to a false-alarm rate.
 * Only readings in a monitored operating mode (or with no mode) are trained on, as only those are scored.
 */
public final class ModelTrainer {
    /** Share of healthy readings that may score above the threshold; debouncing removes most of the rest. */
    public static final double DEFAULT_FALSE_ALARM_RATE = 0.0001;
    private static final int TREES = 100;

    private ModelTrainer() {}

    public static TrainedModel train(ProductModel model, List<TelemetryMessage> healthy, int version,
                                     String trainingDescription, double falseAlarmRate) {
        return train(model, healthy, version, trainingDescription, null, falseAlarmRate);
    }

    /** As {@link #train(ProductModel, List, int, String, double)}, recording what the readings were in detail. */
    public static TrainedModel train(ProductModel model, List<TelemetryMessage> healthy, int version,
                                     TrainingData trainingData, double falseAlarmRate) {
        return train(model, healthy, version, trainingData.summary(), trainingData, falseAlarmRate);
    }

    private static TrainedModel train(ProductModel model, List<TelemetryMessage> healthy, int version,
                                      String trainingDescription, TrainingData trainingData, double falseAlarmRate) {
        FeatureLayout layout = FeatureLayout.of(model);
        List<FeatureVector> vectors = RollingFeatures.replay(layout, healthy);
        if (vectors.size() < 100) {
            throw new IllegalArgumentException(model.id() + ": need at least 100 healthy feature vectors (readings in a monitored mode)"
                    + " to train, got " + vectors.size());
        }
        double[][] x = vectors.stream().map(FeatureVector::normalised).toArray(double[][]::new);
        IsolationForestDetector detector = IsolationForestDetector.fit(x, TREES);
        double[] scores = Arrays.stream(x).mapToDouble(detector::score).sorted().toArray();
        double threshold = scores[Math.min(scores.length - 1, (int) Math.ceil((1 - falseAlarmRate) * scores.length))];
        long above = Arrays.stream(scores).filter(s -> s > threshold).count();
        return new TrainedModel(model.id(), model.id() + "/v" + version, layout.names(), threshold, falseAlarmRate,
                (double) above / scores.length, x.length, trainingDescription, Instant.now(), detector, trainingData, null);
    }
}
