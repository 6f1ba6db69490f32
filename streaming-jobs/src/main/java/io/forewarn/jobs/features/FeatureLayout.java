package io.forewarn.jobs.features;

import io.forewarn.contracts.catalog.DerivedFeature;
import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order and scale of a product model's features: its sensors in catalog order, then its derived features.
 * Each feature is normalised to half-widths of its healthy range around the range's middle, so one scale fits all sensors.
 * Only readings in a monitored operating mode become features (see {@link #isMonitored(String)}).
 */
public final class FeatureLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String productModel;
    private final List<String> names = new ArrayList<>();
    private final List<String> units = new ArrayList<>();
    private final double[] mid;
    private final double[] halfWidth;
    private final int sensorCount;
    private final int[][] derivedFrom;
    private final Set<String> monitoredModes = new HashSet<>();

    private FeatureLayout(ProductModel model) {
        this.productModel = model.id();
        List<SensorSpec> sensors = model.sensors();
        List<DerivedFeature> derived = model.derivedFeatures() == null ? List.of() : model.derivedFeatures();
        this.sensorCount = sensors.size();
        int n = sensors.size() + derived.size();
        this.mid = new double[n];
        this.halfWidth = new double[n];
        this.derivedFrom = new int[derived.size()][];
        for (OperatingMode mode : model.operatingModes()) {
            if (mode.monitored()) monitoredModes.add(mode.id());
        }
        for (int i = 0; i < sensors.size(); i++) {
            SensorSpec s = sensors.get(i);
            names.add(s.name());
            units.add(s.unit());
            mid[i] = s.normalMid();
            halfWidth[i] = s.normalHalfWidth();
        }
        for (int d = 0; d < derived.size(); d++) {
            DerivedFeature f = derived.get(d);
            int a = names.indexOf(f.minuend());
            int b = names.indexOf(f.subtrahend());
            int i = sensors.size() + d;
            derivedFrom[d] = new int[] {a, b};
            names.add(f.name());
            units.add(f.unit());
            // The difference of two ranges spans the sum of their half-widths.
            mid[i] = mid[a] - mid[b];
            halfWidth[i] = halfWidth[a] + halfWidth[b];
        }
    }

    public static FeatureLayout of(ProductModel model) {
        return new FeatureLayout(model);
    }

    public String productModel() {
        return productModel;
    }

    /**
     * True when a reading in {@code mode} is one the healthy ranges describe and the model scores: no mode (a device
     * or dataset that does not report one) or a monitored catalog mode. Readings in other modes (a compressor that is
     * off, a washing machine that is washing rather than spinning) are stored but would pollute the smoothed features.
     */
    public boolean isMonitored(String mode) {
        return mode == null || monitoredModes.contains(mode);
    }

    public int size() {
        return mid.length;
    }

    public int sensorCount() {
        return sensorCount;
    }

    public String name(int i) {
        return names.get(i);
    }

    public String unit(int i) {
        return units.get(i);
    }

    public int indexOf(String feature) {
        return names.indexOf(feature);
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    /** The sensors' names, in layout order (the first {@link #sensorCount()} features). */
    public List<String> sensorNames() {
        return List.copyOf(names.subList(0, sensorCount));
    }

    /** The raw value of each sensor in {@code message}, in layout order; NaN for a sensor the message does not carry. */
    public double[] sensorReadings(TelemetryMessage message) {
        double[] values = new double[sensorCount];
        for (int i = 0; i < sensorCount; i++) {
            TelemetryMessage.Metric metric = message.metrics().get(names.get(i));
            values[i] = metric != null ? metric.value() : Double.NaN;
        }
        return values;
    }

    /** The healthy-range middle of feature {@code i}, in its unit. */
    public double baseline(int i) {
        return mid[i];
    }

    /** Fills the derived features of {@code values} from its sensor part. */
    public void derive(double[] values) {
        for (int d = 0; d < derivedFrom.length; d++) {
            values[sensorCount + d] = values[derivedFrom[d][0]] - values[derivedFrom[d][1]];
        }
    }

    /** Values in units to half-widths from the healthy middle. */
    public double[] normalise(double[] values) {
        double[] z = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            z[i] = (values[i] - mid[i]) / halfWidth[i];
        }
        return z;
    }
}
