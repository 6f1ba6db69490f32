package io.forewarn.jobs.models;

import io.forewarn.jobs.features.FeatureVector;

/** A feature vector with the anomaly score the product model's live model gave it. */
public record ScoredReading(FeatureVector features, double score, double threshold, String modelVersion) {
    public boolean anomalous() {
        return score > threshold;
    }
}
