package io.forewarn.jobs.models;

import io.forewarn.jobs.features.FeatureVector;

/**
 * A feature vector with the anomaly score the product model's live model gave it. The vector carries the device's
 * own baseline score too ({@link FeatureVector#baseline()}, with the sensor that drove it): the reading is anomalous
 * when either says so, the product model's forest (beyond what the product's healthy fleet shows) or the device's
 * baseline (new to this device).
 */
public record ScoredReading(FeatureVector features, double score, double threshold, String modelVersion) {
    public boolean anomalous() {
        return score > threshold || features.baseline().alarm();
    }
}
