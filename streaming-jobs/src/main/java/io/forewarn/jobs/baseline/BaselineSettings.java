package io.forewarn.jobs.baseline;

import io.forewarn.contracts.config.EnvSettings;
import java.io.Serializable;
import java.util.Map;

/**
 * The knobs of the per-device baseline ({@link SensorBaseline}), the same for every device and sensor.
 *
 * @param warmUpReadings readings that fix a sensor's usual range before it is scored
 * @param quietReadings readings a sensor stays quiet after an alarm
 * @param levels how many levels the usual range is cut into at the coarsest resolution
 * @param resolutions how many resolutions, each with twice the levels of the one before
 * @param alarmLevel the score that raises an alarm and starts a quiet period
 */
public record BaselineSettings(int warmUpReadings, int quietReadings, int levels, int resolutions, double alarmLevel)
        implements Serializable {

    /** A quiet period of this share of the warm-up (what NAB was scored with). */
    public static final double QUIET_SHARE_OF_WARM_UP = 0.1;
    /** 3 levels at the coarsest resolution, 24 at the finest. */
    public static final int LEVELS = 3;
    public static final int RESOLUTIONS = 4;
    /**
     * A level new at the finest resolution at least, in a shape that fits the learned ones no better than 0.915 (or
     * a new shape): NAB's threshold sweep chose it (its best threshold is 0.2137), and NAB scores the same at it as
     * at the sweep's best.
     */
    public static final double ALARM_LEVEL = 0.2125;

    public BaselineSettings {
        if (warmUpReadings < 2 || quietReadings < 0 || levels < 2 || resolutions < 1 || resolutions > 8
                || !(alarmLevel > 0 && alarmLevel <= 1)) {
            throw new IllegalArgumentException("invalid baseline settings: " + warmUpReadings + " warm-up readings, "
                    + quietReadings + " quiet readings, " + levels + " levels, " + resolutions
                    + " resolutions, alarm level " + alarmLevel);
        }
    }

    /** A warm-up of {@code warmUp} readings, quiet for {@link #QUIET_SHARE_OF_WARM_UP} of it after an alarm. */
    public static BaselineSettings withWarmUp(int warmUp) {
        return new BaselineSettings(warmUp, (int) Math.round(QUIET_SHARE_OF_WARM_UP * warmUp), LEVELS, RESOLUTIONS,
                ALARM_LEVEL);
    }

    /** A day of 5-minute readings to learn from (a daily cycle is then familiar), quiet for a tenth of it. */
    public static BaselineSettings defaults() {
        return withWarmUp(288);
    }

    /**
     * {@code FOREWARN_BASELINE_WARM_UP} (readings, default 288) and {@code FOREWARN_BASELINE_QUIET} (readings,
     * default a tenth of the warm-up).
     */
    public static BaselineSettings fromEnv(Map<String, String> environment) {
        EnvSettings env = new EnvSettings(environment);
        BaselineSettings warm = withWarmUp(env.integer("FOREWARN_BASELINE_WARM_UP", defaults().warmUpReadings()));
        return new BaselineSettings(warm.warmUpReadings(), env.integer("FOREWARN_BASELINE_QUIET", warm.quietReadings()),
                LEVELS, RESOLUTIONS, ALARM_LEVEL);
    }
}
