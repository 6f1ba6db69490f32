package io.forewarn.jobs;

import io.forewarn.contracts.config.EnvSettings;
import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.validation.UnknownDevicePolicy;
import io.forewarn.ingest.validation.ValidationConfig;
import io.forewarn.jobs.baseline.BaselineSettings;
import io.forewarn.jobs.maintenance.MaintenanceSettings;
import io.forewarn.jobs.sinks.JdbcSettings;
import io.forewarn.jobs.sinks.TimeSeriesSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the predictive-maintenance job. {@link #fromEnv(Map)} reads each variable with its default;
 * the README's configuration table lists them (and a test checks it does). The MQTT source and the validation
 * keep their own records, from the ingest module; the service-visit subscription and the maintenance hold theirs.
 */
public record JobConfig(
        MqttSourceConfig mqtt,
        ValidationConfig validation,
        TimeSeriesSettings timeSeries,
        JdbcSettings jdbc,
        Path modelDirectory,
        Duration modelReloadInterval,
        Duration checkpointInterval,
        int parallelism,
        String bookingUrl,
        Duration forgetSilentDevicesAfter,
        MaintenanceSettings maintenance,
        BaselineSettings baseline) implements Serializable {

    /** Reads every variable with its default; a malformed value is an error naming the variable. */
    public static JobConfig fromEnv(Map<String, String> environment) {
        EnvSettings env = new EnvSettings(environment);
        MqttSourceConfig mqtt = MqttSourceConfig.fromEnv(environment);
        return new JobConfig(
                mqtt,
                // The job has a device registry (the directory), so by default telemetry of unregistered devices is
                // quarantined: kept whole as a dead letter, out of every device's history.
                ValidationConfig.fromEnv(environment, ValidationConfig.defaults().withUnknownDevices(UnknownDevicePolicy.QUARANTINE)),
                new TimeSeriesSettings(
                        env.string("FOREWARN_INFLUX_URL", "http://localhost:8086"),
                        env.string("FOREWARN_INFLUX_TOKEN", "forewarn"),
                        env.string("FOREWARN_INFLUX_ORG", "forewarn"),
                        env.string("FOREWARN_INFLUX_BUCKET", "telemetry"),
                        env.integer("FOREWARN_INFLUX_BATCH_SIZE", 50_000),
                        env.duration("FOREWARN_INFLUX_FLUSH_INTERVAL", Duration.ofSeconds(1)),
                        env.duration("FOREWARN_INFLUX_GIVE_UP_AFTER", Duration.ofMinutes(10))),
                new JdbcSettings(
                        env.string("FOREWARN_JDBC_URL", "jdbc:postgresql://localhost:5432/forewarn"),
                        env.string("FOREWARN_JDBC_USER", "forewarn"),
                        environment.getOrDefault("FOREWARN_JDBC_PASSWORD", "")),
                Path.of(env.string("FOREWARN_MODEL_DIR", "models")),
                env.duration("FOREWARN_MODEL_RELOAD_INTERVAL", Duration.ofSeconds(10)),
                env.duration("FOREWARN_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)),
                env.integer("FOREWARN_PARALLELISM", 2),
                env.string("FOREWARN_BOOKING_URL", "http://localhost:8080/book"),
                env.duration("FOREWARN_FORGET_SILENT_DEVICES_AFTER", Duration.ofDays(30)),
                MaintenanceSettings.fromEnv(environment, mqtt),
                BaselineSettings.fromEnv(environment));
    }
}
