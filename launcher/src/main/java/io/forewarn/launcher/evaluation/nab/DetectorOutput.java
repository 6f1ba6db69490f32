package io.forewarn.launcher.evaluation.nab;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One detector's anomaly scores for one NAB file, row by row, with the file's labelled windows.
 *
 * @param file the file's path under NAB's {@code data/}, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param timestamps each row's timestamp, in file order
 * @param scores each row's anomaly score in [0, 1]; a row counts as a detection when its score reaches the threshold
 */
public record DetectorOutput(String file, List<LocalDateTime> timestamps, double[] scores, List<NabWindow> windows) {
    public DetectorOutput {
        if (timestamps.size() != scores.length) {
            throw new IllegalArgumentException(file + ": " + timestamps.size() + " timestamps but " + scores.length + " scores");
        }
        timestamps = List.copyOf(timestamps);
        windows = List.copyOf(windows);
    }
}
