package io.forewarn.jobs.features;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.io.Serializable;
import java.util.Map;

/**
 * Incremental per-device feature state: an exponentially weighted mean per feature.
 * Pure and small (a few doubles per sensor), so the same code serves the Flink operator and model training.
 */
public final class RollingFeatures implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Weight of the newest reading; with 5-minute samples this remembers roughly the last half hour of monitored
     * readings. It goes by readings, not time: a product monitored only while it runs carries its mean over from
     * one run to the next (tried: weighting by the time between readings made predictions later and rarer).
     */
    public static final double ALPHA = 0.2;
    /** Readings before the mean has settled enough to score. */
    public static final int WARM_UP = 6;

    private double[] ewma;
    private long readings;

    /** Folds one reading in; sensors the reading omits keep their previous smoothed value. */
    public FeatureVector update(FeatureLayout layout, TelemetryMessage message) {
        double[] current = new double[layout.size()];
        boolean first = ewma == null;
        for (int i = 0; i < layout.sensorCount(); i++) {
            TelemetryMessage.Metric metric = message.metrics().get(layout.name(i));
            current[i] = metric != null ? metric.value() : first ? layout.baseline(i) : ewma[i];
        }
        layout.derive(current);
        if (first) {
            ewma = current;
        } else {
            for (int i = 0; i < current.length; i++) {
                ewma[i] += ALPHA * (current[i] - ewma[i]);
            }
        }
        readings++;
        double[] smoothed = ewma.clone();
        return new FeatureVector(message.deviceId(), message.productModel(), message.eventTime(), message.seq(),
                smoothed, layout.normalise(smoothed));
    }

    public boolean warmedUp() {
        return readings >= WARM_UP;
    }

    /**
     * Smoothed features of every device in {@code readings}, in their order, skipping each device's warm-up and every
     * reading in a mode that is not monitored, as the job does.
     */
    public static java.util.List<FeatureVector> replay(FeatureLayout layout, Iterable<TelemetryMessage> readings) {
        Map<String, RollingFeatures> state = new java.util.HashMap<>();
        java.util.List<FeatureVector> out = new java.util.ArrayList<>();
        for (TelemetryMessage m : readings) {
            if (!layout.isMonitored(m.mode())) {
                continue;
            }
            RollingFeatures f = state.computeIfAbsent(m.deviceId(), id -> new RollingFeatures());
            FeatureVector v = f.update(layout, m);
            if (f.warmedUp()) {
                out.add(v);
            }
        }
        return out;
    }
}
