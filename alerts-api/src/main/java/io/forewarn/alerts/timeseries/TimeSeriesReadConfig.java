package io.forewarn.alerts.timeseries;

import io.forewarn.contracts.config.EnvSettings;
import io.forewarn.contracts.telemetry.QuestDbTelemetrySchema;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where telemetry history is read from, read from {@code FOREWARN_*} environment variables (README, "Alerts API").
 * The InfluxDB settings are the ones the job writes with ({@code FOREWARN_INFLUX_*}), so reads go where writes went.
 *
 * @param store which adapter reads: {@code questdb} (SQL over PostgreSQL wire) or {@code influxdb} (InfluxQL)
 * @param influxBucket also the InfluxQL database: InfluxDB 2.x maps it through its v1 DBRP mapping, 3.x by name
 * @param queryTimeout how long one query (or connecting) may take before it fails as unavailable
 * @param rawRetention how long raw readings are kept (QuestDB table TTL); older ranges are read downsampled
 * @param downsampledRetention how long the hourly downsampled data is kept (QuestDB materialized view TTL)
 * @param influxExportWindow an InfluxQL training export asks for this much time per query, bounding each answer
 */
public record TimeSeriesReadConfig(
        Store store,
        String questDbJdbcUrl, String questDbUser, String questDbPassword,
        String influxUrl, String influxToken, String influxOrg, String influxBucket,
        Duration queryTimeout, Duration rawRetention, Duration downsampledRetention, Duration influxExportWindow) {

    /** The two adapters. */
    public enum Store { QUESTDB, INFLUXDB }

    public static final String DEFAULT_QUESTDB_JDBC_URL = "jdbc:postgresql://localhost:8812/qdb";
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RAW_RETENTION = QuestDbTelemetrySchema.DEFAULT_RAW_RETENTION;
    public static final Duration DEFAULT_DOWNSAMPLED_RETENTION = QuestDbTelemetrySchema.DEFAULT_DOWNSAMPLED_RETENTION;
    public static final Duration DEFAULT_INFLUX_EXPORT_WINDOW = Duration.ofHours(1);

    public TimeSeriesReadConfig {
        Objects.requireNonNull(store, "store");
        requirePositive("queryTimeout", queryTimeout);
        requirePositive("influxExportWindow", influxExportWindow);
        if (rawRetention == null || rawRetention.compareTo(Duration.ofHours(1)) < 0
                || downsampledRetention == null || downsampledRetention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("retentions must be at least one hour, got raw " + rawRetention
                    + " and downsampled " + downsampledRetention);
        }
    }

    public static TimeSeriesReadConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads the variables from {@code env}; a malformed value is an error naming the variable. */
    public static TimeSeriesReadConfig fromEnv(Map<String, String> env) {
        EnvSettings settings = new EnvSettings(env);
        return new TimeSeriesReadConfig(
                store(env.getOrDefault("FOREWARN_TIMESERIES_READ", "questdb")),
                env.getOrDefault("FOREWARN_QUESTDB_JDBC_URL", DEFAULT_QUESTDB_JDBC_URL),
                env.getOrDefault("FOREWARN_QUESTDB_USER", "admin"),
                env.getOrDefault("FOREWARN_QUESTDB_PASSWORD", "quest"),
                env.getOrDefault("FOREWARN_INFLUX_URL", "http://localhost:8086"),
                env.getOrDefault("FOREWARN_INFLUX_TOKEN", "forewarn"),
                env.getOrDefault("FOREWARN_INFLUX_ORG", "forewarn"),
                env.getOrDefault("FOREWARN_INFLUX_BUCKET", "telemetry"),
                settings.duration("FOREWARN_TIMESERIES_QUERY_TIMEOUT", DEFAULT_QUERY_TIMEOUT),
                settings.duration("FOREWARN_TELEMETRY_RETENTION", DEFAULT_RAW_RETENTION),
                settings.duration("FOREWARN_TELEMETRY_DOWNSAMPLED_RETENTION", DEFAULT_DOWNSAMPLED_RETENTION),
                settings.duration("FOREWARN_INFLUX_EXPORT_WINDOW", DEFAULT_INFLUX_EXPORT_WINDOW));
    }

    /** QuestDB at {@code jdbcUrl} with its default credentials and every other default (the embedded store). */
    public static TimeSeriesReadConfig questDb(String jdbcUrl) {
        return fromEnv(Map.of()).withQuestDb(jdbcUrl);
    }

    public TimeSeriesReadConfig withQuestDb(String jdbcUrl) {
        return new TimeSeriesReadConfig(Store.QUESTDB, jdbcUrl, questDbUser, questDbPassword, influxUrl, influxToken,
                influxOrg, influxBucket, queryTimeout, rawRetention, downsampledRetention, influxExportWindow);
    }

    public TimeSeriesReadConfig withRetention(Duration raw, Duration downsampled) {
        return new TimeSeriesReadConfig(store, questDbJdbcUrl, questDbUser, questDbPassword, influxUrl, influxToken,
                influxOrg, influxBucket, queryTimeout, raw, downsampled, influxExportWindow);
    }

    private static Store store(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "questdb" -> Store.QUESTDB;
            case "influxdb" -> Store.INFLUXDB;
            default -> throw new IllegalArgumentException("FOREWARN_TIMESERIES_READ must be questdb or influxdb, was '" + value + "'");
        };
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    @Override
    public String toString() {
        // Never print the token or the password.
        return "TimeSeriesReadConfig[store=" + store + ", questDb=" + questDbJdbcUrl + ", influx=" + influxUrl
                + " (org " + influxOrg + ", bucket " + influxBucket + "), queryTimeout=" + queryTimeout
                + ", rawRetention=" + rawRetention + ", downsampledRetention=" + downsampledRetention + "]";
    }
}
