package io.forewarn.jobs.models;

import io.forewarn.jobs.features.FeatureVector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores each feature vector with the live model of its product model. The live model files arrive as broadcast
 * state from {@link ModelDirectoryWatch}, so a newly trained version takes over without a restart; the state holds
 * only file paths, and each task keeps the loaded models in memory. Vectors of unmodelled products are counted and
 * passed over.
 */
public class AnomalyScoring extends BroadcastProcessFunction<FeatureVector, ModelVersions, ScoredReading> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyScoring.class);

    /** Product model id to the path of its live model file. */
    public static final MapStateDescriptor<String, String> LIVE_MODELS =
            new MapStateDescriptor<>("live-model-files", Types.STRING, Types.STRING);

    private final String modelDirectory;
    private transient Map<String, String> filesAtStart;    // by product model, until the first listing arrives
    private transient Map<String, TrainedModel> models;    // by product model
    private transient Map<String, String> modelFiles;      // by product model: the file each model came from
    private transient Counter unmodelled;
    private transient Counter modelSwitches;

    public AnomalyScoring(Path modelDirectory) {
        this.modelDirectory = modelDirectory.toString();
    }

    @Override
    public void open(OpenContext openContext) {
        filesAtStart = new HashMap<>();
        new ModelStore(Path.of(modelDirectory)).latestFiles().forEach((m, f) -> filesAtStart.put(m, f.toString()));
        models = new HashMap<>();
        modelFiles = new HashMap<>();
        unmodelled = getRuntimeContext().getMetricGroup().counter("vectorsWithoutModel");
        modelSwitches = getRuntimeContext().getMetricGroup().counter("modelVersionsLoaded");
    }

    @Override
    public void processElement(FeatureVector vector, ReadOnlyContext ctx, Collector<ScoredReading> out) throws Exception {
        String productModel = vector.productModel();
        String file = ctx.getBroadcastState(LIVE_MODELS).get(productModel);
        if (file == null) {
            file = filesAtStart.get(productModel); // before the first listing arrives: what was on disk at start
        }
        if (file == null) {
            unmodelled.inc();
            return;
        }
        if (!file.equals(modelFiles.get(productModel))) {
            models.put(productModel, ModelStore.load(Path.of(file)));
            modelFiles.put(productModel, file);
            modelSwitches.inc();
        }
        TrainedModel model = models.get(productModel);
        out.collect(new ScoredReading(vector, model.score(vector.normalised()), model.threshold(), model.version()));
    }

    @Override
    public void processBroadcastElement(ModelVersions versions, Context ctx, Collector<ScoredReading> out) throws Exception {
        BroadcastState<String, String> live = ctx.getBroadcastState(LIVE_MODELS);
        for (Map.Entry<String, String> e : versions.files().entrySet()) {
            if (!e.getValue().equals(live.get(e.getKey()))) {
                live.put(e.getKey(), e.getValue());
                LOG.info("model for {} is now {}", e.getKey(), e.getValue());
            }
        }
    }
}
