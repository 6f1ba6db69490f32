package io.forewarn.jobs.models;

import java.io.Serializable;

/** Scores a normalised feature vector: higher is more anomalous. Keeps the job independent of the algorithm. */
public interface AnomalyDetector extends Serializable {
    double score(double[] normalisedFeatures);
}
