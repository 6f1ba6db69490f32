package io.forewarn.jobs.features;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.baseline.BaselineScore;
import io.forewarn.jobs.baseline.BaselineSettings;
import io.forewarn.jobs.baseline.DeviceBaseline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: turns readings in a monitored operating mode into smoothed feature vectors (readings in other
 * modes pass by, so a compressor that is off does not drag the features towards zero), scores each reading's raw
 * sensor values against the device's own {@link DeviceBaseline}, and forgets devices that stay silent.
 */
public class DeviceFeatures extends KeyedProcessFunction<String, TelemetryMessage, FeatureVector> {
    private static final long serialVersionUID = 1L;

    private final ProductCatalog catalog;
    private final Duration forgetAfterSilence;
    private final BaselineSettings baselineSettings;
    private transient Map<String, FeatureLayout> layouts;
    private transient ValueState<RollingFeatures> features;
    private transient ValueState<DeviceBaseline> baseline;
    private transient Counter baselineAlarms;
    private transient ValueState<Long> cleanupAt;

    public DeviceFeatures(ProductCatalog catalog, Duration forgetAfterSilence) {
        this(catalog, forgetAfterSilence, BaselineSettings.defaults());
    }

    public DeviceFeatures(ProductCatalog catalog, Duration forgetAfterSilence, BaselineSettings baselineSettings) {
        this.catalog = catalog;
        this.forgetAfterSilence = forgetAfterSilence;
        this.baselineSettings = baselineSettings;
    }

    @Override
    public void open(OpenContext openContext) {
        layouts = new HashMap<>();
        for (ProductModel model : catalog.models()) {
            layouts.put(model.id(), FeatureLayout.of(model));
        }
        features = getRuntimeContext().getState(new ValueStateDescriptor<>("features", RollingFeatures.class));
        baseline = getRuntimeContext().getState(new ValueStateDescriptor<>("baseline", DeviceBaseline.class));
        baselineAlarms = getRuntimeContext().getMetricGroup().counter("baselineAlarms");
        cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Long.class));
    }

    @Override
    public void processElement(TelemetryMessage message, Context ctx, Collector<FeatureVector> out) throws Exception {
        FeatureLayout layout = layouts.get(message.productModel());
        if (layout == null) {
            return; // validation already rejected unknown models; nothing to score
        }
        if (layout.isMonitored(message.mode())) {
            RollingFeatures state = features.value();
            if (state == null) {
                state = new RollingFeatures();
            }
            FeatureVector vector = state.update(layout, message);
            features.update(state);
            BaselineScore score = scoreAgainstBaseline(layout, message);
            if (state.warmedUp()) {
                out.collect(vector.withBaseline(score));
            }
        }
        // Any reading, monitored or not, shows the device is still there.
        long due = message.eventTime().toEpochMilli() + forgetAfterSilence.toMillis();
        Long previous = cleanupAt.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(due);
        cleanupAt.update(due);
    }

    /** The reading's raw sensor values against the device's own baseline (before smoothing, so a spike counts whole). */
    private BaselineScore scoreAgainstBaseline(FeatureLayout layout, TelemetryMessage message) throws Exception {
        DeviceBaseline device = baseline.value();
        if (device == null || device.sensorCount() != layout.sensorCount()) {
            device = new DeviceBaseline(baselineSettings, layout.sensorCount());
        }
        BaselineScore score = device.score(layout.sensorNames(), layout.sensorReadings(message));
        baseline.update(device);
        if (score.alarm()) {
            baselineAlarms.inc();
        }
        return score;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureVector> out) {
        features.clear();
        baseline.clear();
        cleanupAt.clear();
    }
}
