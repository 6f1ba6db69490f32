package io.forewarn.launcher.bench;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.baseline.BaselineScore;
import io.forewarn.jobs.baseline.BaselineSettings;
import io.forewarn.jobs.baseline.DeviceBaseline;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.models.ScoredReading;
import io.forewarn.jobs.models.TrainedModel;
import io.forewarn.jobs.prediction.DevicePrognosis;
import io.forewarn.jobs.prediction.SignatureMatch;
import io.forewarn.simulator.fleet.HealthyHistory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-reading cost of the job's prediction path, measured with JMH: the anomaly score of one feature vector,
 * the device's own baseline's score of one reading, and the whole step (feature update, score, prognosis) for one
 * reading.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoringCostBenchmark {
    @Param({"AC-INV-12K", "PUMP-CEN-15KW"})
    public String productModel;

    private ProductModel model;
    private FeatureLayout layout;
    private SignatureMatch match;
    private TrainedModel trained;
    private List<TelemetryMessage> readings;
    private List<FeatureVector> vectors;
    private RollingFeatures features;
    private DeviceBaseline baseline;
    private List<String> sensorNames;
    private DevicePrognosis prognosis;
    private int next;

    @Setup(Level.Trial)
    public void train() {
        ProductCatalog catalog = ProductCatalog.builtIn();
        model = catalog.require(productModel);
        layout = FeatureLayout.of(model);
        match = new SignatureMatch(layout, model.failureModes());
        List<TelemetryMessage> fleet = HealthyHistory.monitored(catalog, model, 12, Duration.ofDays(2), 2_000, 5);
        trained = ModelTrainer.train(model, fleet, 1, "benchmark", ModelTrainer.DEFAULT_FALSE_ALARM_RATE);
        vectors = RollingFeatures.replay(layout, fleet);
        // One device's month of monitored readings, in order, as the keyed operators see it.
        readings = HealthyHistory.monitored(catalog, model, 1, Duration.ofDays(30), 0, 6);
        startDevice();
    }

    /** The isolation forest's score of one feature vector. */
    @Benchmark
    public double anomalyScore() {
        FeatureVector v = vectors.get(Math.floorMod(next++, vectors.size()));
        return trained.score(v.normalised());
    }

    /** The device's own baseline scoring one reading's raw sensor values (past its warm-up), as the feature operator does. */
    @Benchmark
    public BaselineScore baselineScore() {
        if (next == 0 || next == readings.size()) { // a fresh device, past its warm-up
            startDevice();
            for (int i = 0; i < BaselineSettings.defaults().warmUpReadings(); i++) {
                baseline.score(sensorNames, layout.sensorReadings(readings.get(next++)));
            }
        }
        return baseline.score(sensorNames, layout.sensorReadings(readings.get(next++)));
    }

    private void startDevice() {
        features = new RollingFeatures();
        baseline = new DeviceBaseline(BaselineSettings.defaults(), layout.sensorCount());
        sensorNames = layout.sensorNames();
        prognosis = new DevicePrognosis(match.modeCount());
        next = 0;
    }

    /** One reading through the whole prediction path of a device, as the job's operators run it. */
    @Benchmark
    public Object readingThroughPrediction() {
        if (next == readings.size()) {
            startDevice(); // time must not run backwards for one device: start a fresh one every month of readings
        }
        TelemetryMessage m = readings.get(next++);
        FeatureVector v = features.update(layout, m);
        ScoredReading scored = new ScoredReading(v, trained.score(v.normalised()), trained.threshold(), trained.version());
        return prognosis.observe(scored, model, layout, match);
    }
}
