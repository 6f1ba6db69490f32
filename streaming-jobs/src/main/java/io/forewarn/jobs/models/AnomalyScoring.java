package io.forewarn.jobs.models;

import io.forewarn.jobs.features.FeatureVector;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Scores each feature vector with the newest model of its product model; vectors of unmodelled products are counted and passed over. */
public class AnomalyScoring extends RichFlatMapFunction<FeatureVector, ScoredReading> {
    private static final long serialVersionUID = 1L;

    private final String modelDirectory;
    private transient Map<String, TrainedModel> models;
    private transient Counter unmodelled;

    public AnomalyScoring(Path modelDirectory) {
        this.modelDirectory = modelDirectory.toString();
    }

    @Override
    public void open(OpenContext openContext) {
        models = new ModelStore(Path.of(modelDirectory)).loadAllLatest();
        unmodelled = getRuntimeContext().getMetricGroup().counter("vectorsWithoutModel");
    }

    @Override
    public void flatMap(FeatureVector vector, Collector<ScoredReading> out) {
        TrainedModel model = models.get(vector.productModel());
        if (model == null) {
            unmodelled.inc();
            return;
        }
        out.collect(new ScoredReading(vector, model.score(vector.normalised()), model.threshold(), model.version()));
    }
}
