package io.forewarn.jobs.baseline;

import java.io.Serializable;
import java.util.List;

/**
 * One device's own baseline: a {@link SensorBaseline} per sensor, so a device's usual operating point is learned
 * from that device alone and one device's normal is never another's anomaly. Its score for a reading is the highest
 * of its sensors' scores, with that sensor as the evidence.
 */
public final class DeviceBaseline implements Serializable {
    private static final long serialVersionUID = 1L;

    private final BaselineSettings settings;
    private final SensorBaseline[] sensors;

    public DeviceBaseline(BaselineSettings settings, int sensorCount) {
        this.settings = settings;
        this.sensors = new SensorBaseline[sensorCount];
        for (int i = 0; i < sensorCount; i++) {
            sensors[i] = new SensorBaseline(settings);
        }
    }

    /**
     * Folds one reading in. {@code readings[i]} is the value of sensor {@code names.get(i)}, or NaN when the reading
     * does not carry that sensor (its baseline then neither learns nor scores).
     */
    public BaselineScore score(List<String> names, double[] readings) {
        if (names.size() != sensors.length || readings.length != sensors.length) {
            throw new IllegalArgumentException("expected " + sensors.length + " sensors, got " + names.size()
                    + " names and " + readings.length + " readings");
        }
        BaselineScore best = BaselineScore.NONE;
        for (int i = 0; i < sensors.length; i++) {
            if (Double.isNaN(readings[i])) {
                continue;
            }
            double s = sensors[i].score(readings[i]);
            if (sensors[i].warmedUp() && (best.sensor() == null || s > best.score())) {
                best = new BaselineScore(s, settings.alarmLevel(), names.get(i), readings[i], sensors[i].usualLow(),
                        sensors[i].usualHigh());
            }
        }
        return best;
    }

    /** How many sensors this baseline was made for. */
    public int sensorCount() {
        return sensors.length;
    }
}
