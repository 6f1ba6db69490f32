package io.forewarn.jobs;

import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.validation.ValidationConfig;
import io.forewarn.jobs.sinks.JdbcSettings;
import io.forewarn.jobs.sinks.TimeSeriesSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the predictive-maintenance job. {@link #fromEnv(Map)} reads each variable with its default;
 * the README's configuration table lists them (and a test checks it does). The MQTT source and the validation
 * keep their own records, from the ingest module.
 */
public record JobConfig(
        MqttSourceConfig mqtt,
        ValidationConfig validation,
        TimeSeriesSettings timeSeries,
        JdbcSettings jdbc,
        Path modelDirectory,
        Duration checkpointInterval,
        int parallelism,
        String bookingUrl,
        Duration forgetSilentDevicesAfter) implements Serializable {

    public static JobConfig fromEnv(Map<String, String> env) {
        return new JobConfig(
                MqttSourceConfig.fromEnv(env),
                ValidationConfig.fromEnv(env),
                new TimeSeriesSettings(
                        env.getOrDefault("FOREWARN_INFLUX_URL", "http://localhost:8086"),
                        env.getOrDefault("FOREWARN_INFLUX_TOKEN", "forewarn"),
                        env.getOrDefault("FOREWARN_INFLUX_ORG", "forewarn"),
                        env.getOrDefault("FOREWARN_INFLUX_BUCKET", "telemetry"),
                        Integer.parseInt(env.getOrDefault("FOREWARN_INFLUX_BATCH_SIZE", "5000")),
                        Duration.parse(env.getOrDefault("FOREWARN_INFLUX_GIVE_UP_AFTER", "PT10M"))),
                new JdbcSettings(
                        env.getOrDefault("FOREWARN_JDBC_URL", "jdbc:postgresql://localhost:5432/forewarn"),
                        env.getOrDefault("FOREWARN_JDBC_USER", "forewarn"),
                        env.getOrDefault("FOREWARN_JDBC_PASSWORD", "")),
                Path.of(env.getOrDefault("FOREWARN_MODEL_DIR", "models")),
                Duration.parse(env.getOrDefault("FOREWARN_CHECKPOINT_INTERVAL", "PT10S")),
                Integer.parseInt(env.getOrDefault("FOREWARN_PARALLELISM", "2")),
                env.getOrDefault("FOREWARN_BOOKING_URL", "http://localhost:8080/book"),
                Duration.parse(env.getOrDefault("FOREWARN_FORGET_SILENT_DEVICES_AFTER", "P30D")));
    }
}
