package io.forewarn.contracts.catalog;

/**
 * How one sensor reads in a non-monitored operating mode: it settles towards {@code level + ambientGain × ambient}
 * (ambient temperature in °C), with time constant {@code settleMinutes} from the moment the mode began, starting
 * from the product's monitored operating point.
 *
 * @param level the settled value at an ambient of 0 °C, in the sensor's unit (e.g. 0 A for a stopped compressor)
 * @param ambientGain how much the settled value moves per °C of ambient (1 for a temperature that drifts to
 *                    ambient); absent: 0
 * @param noise standard deviation of the measurement noise in this mode; absent: the sensor's catalog noise
 * @param settleMinutes time constant of the approach to the settled value; absent or 0: settled at once
 */
public record SensorInMode(double level, Double ambientGain, Double noise, Double settleMinutes) implements java.io.Serializable {

    public SensorInMode {
        ambientGain = ambientGain == null ? 0.0 : ambientGain;
        settleMinutes = settleMinutes == null ? 0.0 : settleMinutes;
    }

    /** The value this sensor settles at with {@code ambient} °C around the product. */
    public double settledAt(double ambient) {
        return level + ambientGain * ambient;
    }
}
