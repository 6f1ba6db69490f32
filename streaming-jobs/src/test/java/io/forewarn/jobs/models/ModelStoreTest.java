package io.forewarn.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import io.forewarn.simulator.fleet.HealthyHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained models are saved as versioned files with a readable sidecar, and come back scoring exactly as they did. */
class ModelStoreTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final ProductModel WASHER = CATALOG.require("WM-FL-9KG");
    static List<TelemetryMessage> healthy;

    @TempDir
    Path root;

    @BeforeAll
    static void generateHealthyHistory() {
        healthy = HealthyHistory.monitored(CATALOG, WASHER, 4, Duration.ofDays(1), 1_000, 5);
    }

    @Test
    void aSavedModelReloadsAsTheLatestAndScoresExactlyTheSame() {
        ModelStore store = new ModelStore(root);
        TrainedModel trained = train(store.nextVersion(WASHER.id()));

        Path file = store.save(trained);
        TrainedModel reloaded = store.loadLatest(WASHER.id()).orElseThrow();

        assertThat(file).isEqualTo(root.resolve(WASHER.id()).resolve("v1.model"));
        assertThat(reloaded.version()).isEqualTo(WASHER.id() + "/v1");
        assertThat(reloaded.features()).isEqualTo(trained.features());
        assertThat(reloaded.threshold()).isEqualTo(trained.threshold());
        for (double[] x : probes()) {
            assertThat(reloaded.score(x)).isEqualTo(trained.score(x));
        }
    }

    @Test
    void versionsIncrementAndTheNewestIsTheLiveOne() {
        ModelStore store = new ModelStore(root);
        assertThat(store.latestVersion(WASHER.id())).isEmpty();
        assertThat(store.nextVersion(WASHER.id())).isEqualTo(1);

        store.save(train(store.nextVersion(WASHER.id())));
        store.save(train(store.nextVersion(WASHER.id())));

        assertThat(store.latestVersion(WASHER.id())).contains(2);
        assertThat(store.nextVersion(WASHER.id())).isEqualTo(3);
        assertThat(store.loadLatest(WASHER.id()).orElseThrow().version()).isEqualTo(WASHER.id() + "/v2");
        Map<String, TrainedModel> live = store.loadAllLatest();
        assertThat(live).containsOnlyKeys(WASHER.id());
        assertThat(live.get(WASHER.id()).version()).isEqualTo(WASHER.id() + "/v2");
    }

    @Test
    void theJsonSidecarListsTheFeaturesThresholdAndVersion() throws Exception {
        ModelStore store = new ModelStore(root);
        TrainedModel trained = train(1);
        store.save(trained);

        JsonNode meta = Json.mapper().readTree(Files.readString(root.resolve(WASHER.id()).resolve("v1.json")));

        assertThat(meta.get("productModel").asText()).isEqualTo(WASHER.id());
        assertThat(meta.get("version").asText()).isEqualTo(WASHER.id() + "/v1");
        List<String> features = new ArrayList<>();
        meta.get("features").forEach(f -> features.add(f.asText()));
        assertThat(features).isEqualTo(FeatureLayout.of(WASHER).names());
        assertThat(meta.get("threshold").asDouble()).isEqualTo(trained.threshold());
        assertThat(meta.get("algorithm").asText()).isEqualTo(IsolationForestDetector.class.getSimpleName());
        assertThat(meta.get("trainingVectors").asInt()).isEqualTo(trained.trainingVectors());
        assertThat(meta.get("trainingData").asText()).isEqualTo("test history");
    }

    @Test
    void aDirectoryWithoutModelsHasNoLiveModels() {
        assertThat(new ModelStore(root.resolve("not-yet-created")).loadAllLatest()).isEmpty();
    }

    private static TrainedModel train(int version) {
        return ModelTrainer.train(WASHER, healthy, version, "test history", ModelTrainer.DEFAULT_FALSE_ALARM_RATE);
    }

    /** Healthy vectors and a few far outside the healthy range. */
    private static List<double[]> probes() {
        List<double[]> probes = new ArrayList<>();
        List<FeatureVector> vectors = RollingFeatures.replay(FeatureLayout.of(WASHER), healthy);
        for (int i = 0; i < vectors.size(); i += 97) {
            probes.add(vectors.get(i).normalised());
        }
        int size = FeatureLayout.of(WASHER).size();
        for (double far : new double[] {3, -4, 8}) {
            double[] x = new double[size];
            Arrays.fill(x, far);
            probes.add(x);
        }
        return probes;
    }
}
