package io.forewarn.jobs.baseline;

import java.io.Serializable;

/**
 * A device's baseline score for one reading, with its evidence: the sensor that drove it, its value and the range
 * the device showed in its warm-up.
 *
 * @param score the highest sensor score, in [0, 1]
 * @param alarmLevel the score at which it is an alarm
 * @param sensor the sensor with that score (null when no sensor has been scored yet)
 * @param value that sensor's reading
 * @param usualLow the lowest reading of that sensor in the device's warm-up
 * @param usualHigh the highest reading of that sensor in the device's warm-up
 */
public record BaselineScore(double score, double alarmLevel, String sensor, double value, double usualLow,
                            double usualHigh) implements Serializable {
    /** No baseline yet (warming up, or a reading that was not scored). */
    public static final BaselineScore NONE = new BaselineScore(0.0, 1.0, null, Double.NaN, Double.NaN, Double.NaN);

    /** Whether the reading is new enough to the device to raise an alarm. */
    public boolean alarm() {
        return sensor != null && score >= alarmLevel;
    }
}
