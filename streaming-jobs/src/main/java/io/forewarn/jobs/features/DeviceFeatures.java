package io.forewarn.jobs.features;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: turns readings in a monitored operating mode into smoothed feature vectors (readings in other
 * modes pass by, so a compressor that is off does not drag the features towards zero), and forgets devices that
 * stay silent.
 */
public class DeviceFeatures extends KeyedProcessFunction<String, TelemetryMessage, FeatureVector> {
    private static final long serialVersionUID = 1L;

    private final ProductCatalog catalog;
    private final Duration forgetAfterSilence;
    private transient Map<String, FeatureLayout> layouts;
    private transient ValueState<RollingFeatures> features;
    private transient ValueState<Long> cleanupAt;

    public DeviceFeatures(ProductCatalog catalog, Duration forgetAfterSilence) {
        this.catalog = catalog;
        this.forgetAfterSilence = forgetAfterSilence;
    }

    @Override
    public void open(OpenContext openContext) {
        layouts = new HashMap<>();
        for (ProductModel model : catalog.models()) {
            layouts.put(model.id(), FeatureLayout.of(model));
        }
        features = getRuntimeContext().getState(new ValueStateDescriptor<>("features", RollingFeatures.class));
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
            if (state.warmedUp()) {
                out.collect(vector);
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

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureVector> out) {
        features.clear();
        cleanupAt.clear();
    }
}
