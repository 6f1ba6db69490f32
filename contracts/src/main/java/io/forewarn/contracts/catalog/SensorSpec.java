package io.forewarn.contracts.catalog;

/**
 * One sensor of a product model.
 *
 * @param normalMin lower edge of the healthy operating range
 * @param normalMax upper edge of the healthy operating range
 * @param physicalMin below this a reading is physically impossible and rejected at ingest
 * @param physicalMax above this a reading is physically impossible and rejected at ingest
 * @param noise standard deviation of healthy measurement noise, in the sensor's unit
 * @param dailyAmplitude how far the daily cycle (ambient, usage) swings the value, in the sensor's unit
 */
public record SensorSpec(
        String name,
        String unit,
        double normalMin,
        double normalMax,
        double physicalMin,
        double physicalMax,
        double noise,
        double dailyAmplitude) implements java.io.Serializable {

    public double normalMid() {
        return (normalMin + normalMax) / 2;
    }

    public double normalHalfWidth() {
        return (normalMax - normalMin) / 2;
    }
}
