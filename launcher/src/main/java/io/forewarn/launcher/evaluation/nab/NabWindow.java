package io.forewarn.launcher.evaluation.nab;

import java.time.LocalDateTime;

/** One labelled anomaly window of a NAB file: the rows from {@code start} to {@code end}, both included. */
public record NabWindow(LocalDateTime start, LocalDateTime end) {
    public NabWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("anomaly window ends before it starts: " + start + " to " + end);
        }
    }
}
