package io.forewarn.launcher.evaluation.nab;

import io.forewarn.contracts.catalog.Localized;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.models.TrainedModel;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The streaming job's anomaly detector, unchanged, over one univariate NAB stream. Each NAB file becomes a product
 * model with one sensor, {@code value}, and one device; its probationary period is the healthy history the job's
 * {@link ModelTrainer} trains the isolation forest on, and every row is then folded into the job's
 * {@link RollingFeatures} and scored by the trained model, in order, so the detector sees only the past.
 *
 * <p>With {@code retrainEvery > 0} the model is retrained on the most recent rows every so many rows, as an
 * operator running {@code ./forewarn train} on a schedule would (the job picks up new model versions while running).
 */
public final class JobDetector implements NabDetector {
    static final String SENSOR = "value";
    /** The job's forest needs more feature vectors than its 256-vector subsample (see {@link #enoughForTheForest}). */
    private static final int MIN_FOREST_VECTORS = 256;

    private final int retrainEvery;
    private final int trainingRows;

    /**
     * @param retrainEvery rows between retrainings after the probationary period; 0 trains once, on the probation
     * @param trainingRows how many of the latest rows a retraining uses
     */
    public JobDetector(int retrainEvery, int trainingRows) {
        if (retrainEvery < 0 || trainingRows < 1) {
            throw new IllegalArgumentException("retrainEvery must be >= 0 and trainingRows >= 1");
        }
        this.retrainEvery = retrainEvery;
        this.trainingRows = trainingRows;
    }

    /** Trained once on the probationary period, as the job is run today. */
    public static JobDetector asTheJobRuns() {
        return new JobDetector(0, Integer.MAX_VALUE);
    }

    /** Retrained every 500 rows on the latest 2,000, as a scheduled {@code ./forewarn train} would. */
    public static JobDetector retrainedOnASchedule() {
        return new JobDetector(500, 2000);
    }

    @Override
    public String name() {
        return retrainEvery == 0 ? "Forewarn: the job as it is"
                : "Forewarn: the job, retrained every " + retrainEvery + " rows";
    }

    @Override
    public String description() {
        return retrainEvery == 0
                ? "the job's isolation forest on its EWMA features, trained on the probationary period"
                : "the job's isolation forest on its EWMA features, retrained every " + retrainEvery
                        + " rows on the latest " + trainingRows;
    }

    @Override
    public double[] scores(NabCorpus.Series series) {
        int rows = series.values().length;
        int probation = NabScorer.probationRows(rows);
        List<TelemetryMessage> messages = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            messages.add(new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, series.file(), modelId(series),
                    series.timestamps().get(i).toInstant(ZoneOffset.UTC), i,
                    Map.of(SENSOR, new TelemetryMessage.Metric(series.values()[i], ""))));
        }
        ProductModel product = productModel(series, probation);
        FeatureLayout layout = FeatureLayout.of(product);
        RollingFeatures features = new RollingFeatures();
        TrainedModel model = null;
        int version = 0;
        double[] scores = new double[rows];
        for (int i = 0; i < rows; i++) {
            if (i == probation || (retrainEvery > 0 && i > probation && (i - probation) % retrainEvery == 0)) {
                // Trained on the rows before i only: a model never learns from the row it scores.
                List<TelemetryMessage> history = messages.subList(Math.max(0, i - trainingRows), i);
                int v = ++version;
                String description = "NAB " + series.file() + " rows before " + i;
                model = SeededTraining.run(SeededTraining.seed(series.file(), v), () -> ModelTrainer.train(product,
                        enoughForTheForest(history), v, description, ModelTrainer.DEFAULT_FALSE_ALARM_RATE));
            }
            FeatureVector vector = features.update(layout, messages.get(i));
            scores[i] = model != null && features.warmedUp() ? model.score(vector.normalised()) : 0.0;
        }
        return scores;
    }

    /**
     * The history, repeated as further devices when it is too short for the job's forest. The job's
     * IsolationForestDetector subsamples 256 vectors, and Smile rejects a subsample rate of 1, so training fails on
     * 256 feature vectors or fewer although ModelTrainer accepts 100; NAB's shortest files have about 170 probation
     * rows. Each copy is a device of its own, so the rolling features restart and no copy sees another's rows.
     */
    static List<TelemetryMessage> enoughForTheForest(List<TelemetryMessage> history) {
        int vectorsPerCopy = Math.max(1, history.size() - RollingFeatures.WARM_UP + 1);
        int copies = MIN_FOREST_VECTORS / vectorsPerCopy + 1;
        if (copies == 1) {
            return history;
        }
        List<TelemetryMessage> repeated = new ArrayList<>(history.size() * copies);
        for (int c = 0; c < copies; c++) {
            for (TelemetryMessage m : history) {
                repeated.add(new TelemetryMessage(m.schemaVersion(), m.deviceId() + "#copy" + c, m.productModel(),
                        m.eventTime(), m.seq(), m.metrics()));
            }
        }
        return repeated;
    }

    private static String modelId(NabCorpus.Series series) {
        return "NAB/" + series.file();
    }

    /**
     * A one-sensor product model whose healthy range is the range of the probationary period. The isolation forest
     * is indifferent to how the range scales the feature (its cuts follow the data), so only a non-zero width matters.
     */
    static ProductModel productModel(NabCorpus.Series series, int probation) {
        double[] healthy = Arrays.copyOf(series.values(), Math.max(1, probation));
        double min = Arrays.stream(healthy).min().orElse(0);
        double max = Arrays.stream(healthy).max().orElse(0);
        double mean = Arrays.stream(healthy).average().orElse(0);
        double variance = Arrays.stream(healthy).map(v -> (v - mean) * (v - mean)).average().orElse(0);
        if (max - min < 1e-9) {
            // A flat probation (e.g. art_flatline) still needs a range to normalise by.
            double pad = Math.max(1.0, Math.abs(min) * 0.01);
            min -= pad;
            max += pad;
        }
        int interval = series.timestamps().size() > 1
                ? (int) Math.max(1, Duration.between(series.timestamps().get(0), series.timestamps().get(1)).toSeconds())
                : 300;
        SensorSpec sensor = new SensorSpec(SENSOR, "", min, max, -Double.MAX_VALUE, Double.MAX_VALUE,
                Math.sqrt(variance), 0.0);
        return new ProductModel(modelId(series), "NAB", new Localized(series.file(), series.file()), interval, 0,
                List.of(sensor), List.of(), List.of(), List.of());
    }
}
