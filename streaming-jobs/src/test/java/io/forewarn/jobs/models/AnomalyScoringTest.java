package io.forewarn.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import io.forewarn.simulator.fleet.HealthyHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newly trained model version takes over scoring when the directory listing broadcasts it, without a restart. */
class AnomalyScoringTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final ProductModel WASHER = CATALOG.require("WM-FL-9KG");

    @TempDir
    Path models;

    @Test
    void scoresWithTheModelOnDiskAtStart_thenWithTheVersionTheWatchAnnounces() throws Exception {
        List<TelemetryMessage> healthy = HealthyHistory.monitored(CATALOG, WASHER, 6, Duration.ofDays(2), 1_000, 3);
        ModelStore store = new ModelStore(models);
        store.save(ModelTrainer.train(WASHER, healthy, 1, "test v1", ModelTrainer.DEFAULT_FALSE_ALARM_RATE));
        FeatureVector vector = RollingFeatures.replay(FeatureLayout.of(WASHER), healthy).get(0);

        try (BroadcastOperatorTestHarness<FeatureVector, ModelVersions, ScoredReading> harness =
                     ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new AnomalyScoring(models), AnomalyScoring.LIVE_MODELS)) {
            harness.processElement(vector, 1);
            assertThat(harness.extractOutputValues()).extracting(ScoredReading::modelVersion).containsExactly("WM-FL-9KG/v1");

            Path v2 = store.save(ModelTrainer.train(WASHER, healthy, 2, "test v2", ModelTrainer.DEFAULT_FALSE_ALARM_RATE));
            harness.processElement(vector, 2);
            assertThat(harness.extractOutputValues()).extracting(ScoredReading::modelVersion)
                    .as("until the watch announces it, the running model stays").containsExactly("WM-FL-9KG/v1", "WM-FL-9KG/v1");

            harness.processBroadcastElement(new ModelVersions(Map.of(WASHER.id(), v2.toString())), 3);
            harness.processElement(vector, 4);
            assertThat(harness.extractOutputValues()).extracting(ScoredReading::modelVersion).last().isEqualTo("WM-FL-9KG/v2");
        }
    }

    @Test
    void theDirectoryWatchListsTheNewestFileOfEachProductModel() throws Exception {
        List<TelemetryMessage> healthy = HealthyHistory.monitored(CATALOG, WASHER, 6, Duration.ofDays(2), 1_000, 3);
        ModelStore store = new ModelStore(models);
        store.save(ModelTrainer.train(WASHER, healthy, 1, "v1", ModelTrainer.DEFAULT_FALSE_ALARM_RATE));
        Path v2 = store.save(ModelTrainer.train(WASHER, healthy, 2, "v2", ModelTrainer.DEFAULT_FALSE_ALARM_RATE));

        ModelVersions listing = ModelDirectoryWatch.every(models, Duration.ofSeconds(1)).getGeneratorFunction().map(0L);
        assertThat(listing.files()).containsExactly(Map.entry(WASHER.id(), v2.toString()));
    }
}
