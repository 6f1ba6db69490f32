package io.forewarn.jobs.models;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What a model was trained on, recorded in its model file so it can be trusted and reproduced.
 *
 * @param source the file, store or simulator the readings came from
 * @param rows readings trained on (after exclusions)
 * @param devices devices those readings came from
 * @param from first reading's time
 * @param to last reading's time
 * @param columns the sensor columns read ({@code column} or {@code column -> sensor})
 * @param excludedWindows periods left out as not healthy (before failures, around maintenance), one line each
 */
public record TrainingData(String source, long rows, int devices, Instant from, Instant to, List<String> columns,
                           List<String> excludedWindows) implements Serializable {

    public TrainingData {
        columns = columns == null ? List.of() : List.copyOf(columns);
        excludedWindows = excludedWindows == null ? List.of() : List.copyOf(excludedWindows);
    }

    /** One line for logs and the model's {@code trainingDescription}. */
    public String summary() {
        return source + ": " + rows + " readings of " + devices + " devices from " + from + " to " + to
                + (excludedWindows.isEmpty() ? "" : ", " + excludedWindows.size() + " windows excluded");
    }
}
