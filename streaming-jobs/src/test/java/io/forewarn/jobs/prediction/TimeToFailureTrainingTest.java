package io.forewarn.jobs.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.EstimateMethod;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.models.ScoredReading;
import io.forewarn.jobs.models.TimeToFailureModel;
import io.forewarn.jobs.models.TrainedModel;
import io.forewarn.jobs.prediction.TimeToFailureTraining.DeviceHistory;
import io.forewarn.jobs.prediction.TimeToFailureTraining.Failure;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.HealthyHistory;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervised time-to-failure model: learned from simulated run-to-failure history through the job's own
 * per-device steps, stored in the model file, and used by the prognosis beside the trend, which the prediction names.
 */
class TimeToFailureTrainingTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final ProductModel PUMP = CATALOG.require("PUMP-CEN-15KW");
    static final Duration SPAN = Duration.ofDays(12);
    static TrainedModel anomalyModel;
    static TimeToFailureModel supervised;

    @BeforeAll
    static void train() {
        List<TelemetryMessage> healthy = HealthyHistory.monitored(CATALOG, PUMP, 24, Duration.ofDays(4), HealthyHistory.TRAINING_READINGS, 7);
        anomalyModel = ModelTrainer.train(PUMP, healthy, 1, "test", ModelTrainer.DEFAULT_FALSE_ALARM_RATE);
        supervised = TimeToFailureTraining.train(PUMP, anomalyModel, histories(fleet(40, 16, 5)), 5);
    }

    static Fleet fleet(int devices, int degrading, long seed) {
        return Fleet.create(CATALOG, FleetConfig.defaults().withDevices(devices).withDegradingDevices(degrading)
                .withSeed(seed).withStart(Instant.parse("2026-03-01T00:00:00Z")));
    }

    static List<DeviceHistory> histories(Fleet fleet) {
        Map<String, GroundTruth> truth = fleet.groundTruth().stream().collect(Collectors.toMap(GroundTruth::deviceId, Function.identity()));
        List<DeviceHistory> histories = new ArrayList<>();
        for (SimulatedDevice device : fleet.devices()) {
            if (!device.model().id().equals(PUMP.id())) continue;
            GroundTruth t = truth.get(device.deviceId());
            List<TelemetryMessage> readings = new ArrayList<>();
            for (long seq = 1; seq <= SPAN.toSeconds() / PUMP.sampleIntervalSeconds(); seq++) {
                TelemetryMessage m = device.message(seq);
                if (t != null && m.eventTime().isAfter(t.failureAt())) break;
                readings.add(m);
            }
            histories.add(new DeviceHistory(device.deviceId(), readings,
                    t == null ? List.of() : List.of(new Failure(t.failureMode(), t.failureAt()))));
        }
        return histories;
    }

    @Test
    void learnsHoursToFailureFromRunToFailureHistoryAndMeasuresItOnHeldOutDevices() {
        assertThat(supervised.examples()).isGreaterThan(50);
        assertThat(supervised.devices()).isGreaterThanOrEqualTo(2);
        assertThat(supervised.features()).isEqualTo(DevicePrognosis.EPISODE_STATE);
        assertThat(supervised.heldOutMeanAbsoluteErrorHours()).as("held-out error, hours").isBetween(0.0, 72.0);
    }

    @Test
    void historyWithoutFailuresIsRefusedWithTheReason() {
        List<DeviceHistory> healthyOnly = histories(fleet(12, 0, 3));
        assertThatThrownBy(() -> TimeToFailureTraining.train(PUMP, anomalyModel, healthyOnly, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUMP-CEN-15KW: no failures in the history");
    }

    @Test
    void theModelFileCarriesItAndThePredictionNamesTheMethodAndKeepsTheModelVersion(@TempDir Path dir) {
        Path file = new ModelStore(dir).save(anomalyModel.withTimeToFailure(supervised));
        TrainedModel loaded = ModelStore.load(file);
        assertThat(loaded.timeToFailure()).isNotNull();
        assertThat(new ModelStore(dir).loadVersion(anomalyModel.version())).isPresent();

        Fleet other = fleet(40, 16, 77);
        List<PredictedFailure> predictions = new ArrayList<>();
        for (SimulatedDevice device : other.devices()) {
            if (device.model().id().equals(PUMP.id()) && device.fault().isPresent()) {
                predictions.addAll(predictions(device, loaded.timeToFailure()));
            }
        }
        assertThat(predictions).isNotEmpty();
        assertThat(predictions).as("the model file's version, whichever of its models estimated")
                .allSatisfy(p -> assertThat(p.modelVersion()).isEqualTo(anomalyModel.version()));
        assertThat(predictions).allSatisfy(p -> assertThat(p.confidence()).isBetween(0.0, 1.0));
        assertThat(predictions).extracting(PredictedFailure::estimateMethod).as("both methods gave estimates")
                .contains(EstimateMethod.SUPERVISED_MODEL, EstimateMethod.TREND_EXTRAPOLATION);
    }

    private static List<PredictedFailure> predictions(SimulatedDevice device, TimeToFailureModel model) {
        FeatureLayout layout = FeatureLayout.of(PUMP);
        SignatureMatch match = new SignatureMatch(layout, PUMP.failureModes());
        RollingFeatures features = new RollingFeatures();
        DevicePrognosis prognosis = new DevicePrognosis(match.modeCount());
        List<PredictedFailure> out = new ArrayList<>();
        for (long seq = 1; seq <= SPAN.toSeconds() / PUMP.sampleIntervalSeconds(); seq++) {
            TelemetryMessage reading = device.message(seq);
            if (!layout.isMonitored(reading.mode())) continue;
            FeatureVector v = features.update(layout, reading);
            if (!features.warmedUp()) continue;
            prognosis.observe(new ScoredReading(v, anomalyModel.score(v.normalised()), anomalyModel.threshold(), anomalyModel.version()),
                    PUMP, layout, match, model).ifPresent(out::add);
        }
        return out;
    }
}
