package io.forewarn.jobs.prediction;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.jobs.DeviceState;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.ScoredReading;
import io.forewarn.jobs.models.TimeToFailureModel;
import io.forewarn.jobs.models.TrainedModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: runs each device's {@link DevicePrognosis} over its scored readings, with the supervised
 * time-to-failure model of the version that scored the reading when that model file has one.
 */
public class FailurePrediction extends KeyedProcessFunction<String, ScoredReading, EpisodePrediction> {
    private static final long serialVersionUID = 1L;

    private final ProductCatalog catalog;
    private final String modelDirectory;     // null: trend extrapolation only
    private transient Map<String, FeatureLayout> layouts;
    private transient Map<String, SignatureMatch> matches;
    private transient ValueState<DevicePrognosis> prognosis;
    private transient Map<String, Optional<TimeToFailureModel>> timeToFailure;   // by model version

    public FailurePrediction(ProductCatalog catalog) {
        this(catalog, null);
    }

    /** @param modelDirectory where the model files are, to find each version's supervised model; null for none */
    public FailurePrediction(ProductCatalog catalog, Path modelDirectory) {
        this.catalog = catalog;
        this.modelDirectory = modelDirectory == null ? null : modelDirectory.toString();
    }

    @Override
    public void open(OpenContext openContext) {
        layouts = new HashMap<>();
        timeToFailure = new HashMap<>();
        matches = new HashMap<>();
        for (ProductModel model : catalog.models()) {
            FeatureLayout layout = FeatureLayout.of(model);
            layouts.put(model.id(), layout);
            matches.put(model.id(), new SignatureMatch(layout, model.failureModes()));
        }
        prognosis = getRuntimeContext().getState(DeviceState.forgottenWhenSilent(new ValueStateDescriptor<>("prognosis", DevicePrognosis.class)));
    }

    @Override
    public void processElement(ScoredReading reading, Context ctx, Collector<EpisodePrediction> out) throws Exception {
        String productModel = reading.features().productModel();
        SignatureMatch match = matches.get(productModel);
        if (match == null || match.modeCount() == 0) {
            return;
        }
        DevicePrognosis state = prognosis.value();
        if (state == null) {
            state = new DevicePrognosis(match.modeCount());
        }
        DevicePrognosis device = state;
        device.observe(reading, catalog.require(productModel), layouts.get(productModel), match, timeToFailure(reading.modelVersion()))
                .ifPresent(p -> out.collect(new EpisodePrediction(p, device.episodeStart())));
        prognosis.update(state);
    }

    private TimeToFailureModel timeToFailure(String modelVersion) {
        if (modelDirectory == null || modelVersion == null) {
            return null;
        }
        return timeToFailure.computeIfAbsent(modelVersion, v -> new ModelStore(Path.of(modelDirectory)).loadVersion(v)
                .map(TrainedModel::timeToFailure)).orElse(null);
    }
}
