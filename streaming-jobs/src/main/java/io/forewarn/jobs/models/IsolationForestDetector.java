package io.forewarn.jobs.models;

import smile.anomaly.IsolationForest;

/** Smile's isolation forest behind {@link AnomalyDetector}. */
public final class IsolationForestDetector implements AnomalyDetector {
    private static final long serialVersionUID = 1L;

    private final IsolationForest forest;

    private IsolationForestDetector(IsolationForest forest) {
        this.forest = forest;
    }

    /** Fits a forest of {@code trees} trees on healthy vectors; the fixed subsample keeps training time flat in data size. */
    public static IsolationForestDetector fit(double[][] healthy, int trees) {
        int dims = healthy[0].length;
        // Smile wants a sampling rate below 1; each tree sees 256 vectors, or all but one on small data.
        double subsample = healthy.length > 256 ? 256.0 / healthy.length : (healthy.length - 1.0) / healthy.length;
        int maxDepth = (int) Math.ceil(Math.log(Math.max(2, healthy.length * subsample)) / Math.log(2));
        // extension level dims-1: an extended isolation forest, whose cuts are not axis-parallel, so
        // scores do not show the axis-aligned artefacts of the classic forest.
        return new IsolationForestDetector(IsolationForest.fit(healthy, trees, maxDepth, subsample, dims - 1));
    }

    @Override
    public double score(double[] normalisedFeatures) {
        return forest.score(normalisedFeatures);
    }
}
