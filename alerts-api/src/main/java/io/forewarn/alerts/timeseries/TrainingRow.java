package io.forewarn.alerts.timeseries;

import java.time.Instant;
import java.util.Map;

/**
 * One raw reading as stored, for model training: the sensors it carried, by name.
 *
 * @param mode the operating mode the device reported (the {@code mode} tag), or null when it reported none
 */
public record TrainingRow(Instant time, String deviceId, String productModel, String mode, Map<String, Double> sensors) {
    public TrainingRow {
        sensors = Map.copyOf(sensors);
    }
}
