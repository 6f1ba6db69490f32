package io.forewarn.launcher.evaluation;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.ServiceSchema;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.jobs.JobConfig;
import io.forewarn.jobs.PredictiveMaintenanceJob;
import io.forewarn.jobs.directory.JdbcDeviceDirectory;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.sinks.JdbcSettings;
import io.forewarn.launcher.demo.FleetRegistration;
import io.forewarn.launcher.embedded.EmbeddedServiceDatabase;
import io.forewarn.launcher.embedded.EmbeddedTimeSeriesStore;
import io.forewarn.simulator.fleet.DeviceProfile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replays readings through the real job (the same topology as production, fed from a bounded source instead of
 * MQTT) on real PostgreSQL and QuestDB, and returns the predicted-failure tickets it opened. Every evaluation, of a
 * simulated fleet or of a recorded dataset, goes through here.
 */
final class JobReplay {
    private JobReplay() {}

    /**
     * @param devices registered in the service database first, as the job's directory only knows registered devices
     * @param models puts the models to score with into the model directory it is given, before the job starts
     * @param readings the readings in event-time order, as MQTT records; {@code count} of them
     */
    static List<Scorecard.Ticket> run(ProductCatalog catalog, List<DeviceProfile> devices, Consumer<ModelStore> models,
                                      GeneratorFunction<Long, MqttRecord> readings, long count, Path workDir,
                                      PrintStream console) throws Exception {
        try (EmbeddedServiceDatabase postgres = EmbeddedServiceDatabase.start(workDir.resolve("postgres"), 0);
             EmbeddedTimeSeriesStore questDb = EmbeddedTimeSeriesStore.start(workDir.resolve("questdb"), 0, 0);
             HikariDataSource dataSource = pool(postgres)) {
            ServiceSchema.migrate(dataSource);
            FleetRegistration.register(dataSource, devices);
            Path modelDir = workDir.resolve("models");
            models.accept(new ModelStore(modelDir));

            JdbcSettings jdbc = new JdbcSettings(postgres.jdbcUrl(), postgres.user(), "");
            JobConfig jobConfig = JobConfig.fromEnv(Map.of(
                    "FOREWARN_INFLUX_URL", questDb.influxUrl(),
                    "FOREWARN_JDBC_URL", jdbc.url(), "FOREWARN_JDBC_USER", jdbc.user(),
                    "FOREWARN_MODEL_DIR", modelDir.toString(),
                    "FOREWARN_INGEST_MAX_FUTURE_SKEW", "off", "FOREWARN_INGEST_MAX_AGE", "off",
                    // A bounded replay: the models on disk at start are the ones it is scored with.
                    "FOREWARN_MODEL_RELOAD_INTERVAL", "off"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            // One source reader keeps every device's readings in order, as one MQTT session per device would.
            DataStream<MqttRecord> raw = env.fromSource(new DataGeneratorSource<>(readings, count,
                    TypeInformation.of(MqttRecord.class)), WatermarkStrategy.noWatermarks(), "replayed-readings").setParallelism(1);
            PredictiveMaintenanceJob.define(raw, jobConfig, catalog, new JdbcDeviceDirectory(jdbc, Duration.ofMinutes(5)));

            long started = System.nanoTime();
            JobClient job = env.executeAsync("forewarn-evaluation");
            CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
            while (true) {
                try {
                    result.get(5, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    long stored = count(questDb.jdbcUrl(), "SELECT count() FROM telemetry", "admin", "quest");
                    long opened = count(postgres.jdbcUrl(), "SELECT count(*) FROM tickets", postgres.user(), "");
                    console.printf("  %3.0f%% of readings stored, %d tickets so far, %.0f s%n", 100.0 * stored / count,
                            opened, (System.nanoTime() - started) / 1e9);
                }
            }
            console.printf("replayed %,d readings through the job in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
            return tickets(dataSource);
        }
    }

    private static long count(String url, String sql, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0; // the table appears with the first write
        }
    }

    private static List<Scorecard.Ticket> tickets(HikariDataSource dataSource) throws SQLException {
        List<Scorecard.Ticket> tickets = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT device_id, failure_mode, opened_at FROM tickets WHERE kind = 'PREDICTED_FAILURE'");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                tickets.add(new Scorecard.Ticket(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
        }
        return tickets;
    }

    private static HikariDataSource pool(EmbeddedServiceDatabase postgres) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.jdbcUrl());
        ds.setUsername(postgres.user());
        ds.setMaximumPoolSize(4);
        return ds;
    }
}
