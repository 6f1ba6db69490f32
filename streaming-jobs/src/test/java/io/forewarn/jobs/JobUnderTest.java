package io.forewarn.jobs;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.jobs.directory.JdbcDeviceDirectory;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.stores.ServiceDatabase;
import io.forewarn.jobs.stores.TimeSeriesStore;
import io.forewarn.simulator.fleet.DeviceProfile;
import io.forewarn.simulator.fleet.HealthyHistory;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole job's surroundings for a test class: a real PostgreSQL and a real QuestDB started once for the class, a
 * model directory, and the job run to completion over bounded streams on the class's MiniCluster
 * ({@link #miniCluster()}, registered beside this extension).
 */
final class JobUnderTest implements BeforeAllCallback, AfterAllCallback {
    static final int PARALLELISM = 2;

    private Path directory;
    private ServiceDatabase postgres;
    private TimeSeriesStore questDb;

    /** One task manager with a slot per parallel task. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("forewarn-job-");
        postgres = ServiceDatabase.start();
        questDb = TimeSeriesStore.start(directory.resolve("questdb"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        questDb.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** A directory of this test class, removed after it. */
    Path directory() {
        return directory;
    }

    TimeSeriesStore questDb() {
        return questDb;
    }

    /** The directory the job loads models from, holding one for {@code model} trained on healthy history. */
    Path trainedModels(ProductCatalog catalog, ProductModel model) throws IOException {
        Path models = directory.resolve("models");
        List<TelemetryMessage> history = HealthyHistory.monitored(catalog, model, 24, Duration.ofDays(4), HealthyHistory.TRAINING_READINGS, 7);
        new ModelStore(models).save(ModelTrainer.train(model, history, 1, "healthy history", ModelTrainer.DEFAULT_FALSE_ALARM_RATE));
        return models;
    }

    /** A fresh database with {@code devices} and their customers registered, as the service side does before they report. */
    ServiceDatabase.Database database(SimulatedDevice... devices) throws Exception {
        ServiceDatabase.Database db = postgres.freshDatabase();
        for (SimulatedDevice device : devices) {
            DeviceProfile profile = device.profile();
            db.register(profile.customerId(), profile.language(), profile.deviceId(), profile.productModel(), profile.warrantyEnd());
        }
        return db;
    }

    /** The job's settings for these stores and {@code models}, with the clock checks off for old data, and {@code more}. */
    JobConfig config(ServiceDatabase.Database db, Path models, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "FOREWARN_INGEST_MAX_FUTURE_SKEW", "off",
                "FOREWARN_INGEST_MAX_AGE", "off",
                "FOREWARN_MODEL_RELOAD_INTERVAL", "off", // bounded: no directory watch to keep it running
                "FOREWARN_JDBC_URL", db.jdbc().url(),
                "FOREWARN_JDBC_USER", db.jdbc().user(),
                "FOREWARN_JDBC_PASSWORD", db.jdbc().password(),
                "FOREWARN_INFLUX_URL", questDb.settings(1).url(),
                "FOREWARN_MODEL_DIR", models.toString(),
                "FOREWARN_BOOKING_URL", "https://service.example/book"));
        env.putAll(more);
        return JobConfig.fromEnv(env);
    }

    /** Runs the job to its end over {@code telemetry} and {@code visits} (null: no visit stream). */
    void run(String name, List<MqttRecord> telemetry, List<MqttRecord> visits, JobConfig config, ProductCatalog catalog,
             ServiceDatabase.Database db) throws Exception {
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        flink.setParallelism(PARALLELISM);
        // MQTT delivers each device's messages in order; spreading them over the parallel decoders by topic keeps that order.
        DataStream<MqttRecord> raw = flink.fromData(telemetry)
                .partitionCustom((topic, partitions) -> Math.floorMod(topic.hashCode(), partitions), MqttRecord::topic);
        PredictiveMaintenanceJob.define(raw, visits == null ? null : flink.fromData(visits), config, catalog,
                new JdbcDeviceDirectory(db.jdbc(), Duration.ofMinutes(1)));
        flink.execute(name);
    }

    /** A reading as the broker hands it over: on its device's telemetry topic, stamped with its event time. */
    static MqttRecord record(TelemetryMessage message) {
        return new MqttRecord(TelemetryMessage.topicFor(message.deviceId()), Json.write(message).getBytes(StandardCharsets.UTF_8), 1,
                message.eventTime().toEpochMilli());
    }
}
