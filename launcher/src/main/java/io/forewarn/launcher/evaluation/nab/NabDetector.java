package io.forewarn.launcher.evaluation.nab;

/** Something that turns one NAB stream into an anomaly score per row, seeing only the rows before each one. */
public interface NabDetector {
    /** A short name for the results table. */
    String name();

    /** One line saying what the detector is and how it is set. */
    String description();

    /** An anomaly score in [0, 1] for every row of {@code series}, in order. */
    double[] scores(NabCorpus.Series series);
}
