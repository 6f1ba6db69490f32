package io.forewarn.alerts.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.telemetry.QuestDbTelemetrySchema;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader's configuration from the environment, and the CSV layout of training exports. */
class TimeSeriesReadConfigTest {

    @Test
    void defaultsReadQuestDbWithNinetyDaysRawAndTwoYearsHourly() {
        TimeSeriesReadConfig config = TimeSeriesReadConfig.fromEnv(Map.of());

        assertThat(config.store()).isEqualTo(TimeSeriesReadConfig.Store.QUESTDB);
        assertThat(config.questDbJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:8812/qdb");
        assertThat(config.rawRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.downsampledRetention()).isEqualTo(Duration.ofDays(730));
        assertThat(config.influxBucket()).isEqualTo("telemetry");
    }

    @Test
    void environmentVariablesChooseTheStoreAndItsSettings() {
        TimeSeriesReadConfig config = TimeSeriesReadConfig.fromEnv(Map.of(
                "FOREWARN_TIMESERIES_READ", "InfluxDB",
                "FOREWARN_INFLUX_URL", "https://influx.example:8086",
                "FOREWARN_INFLUX_TOKEN", "secret-token",
                "FOREWARN_TELEMETRY_RETENTION", "P30D",
                "FOREWARN_TIMESERIES_QUERY_TIMEOUT", "PT5S"));

        assertThat(config.store()).isEqualTo(TimeSeriesReadConfig.Store.INFLUXDB);
        assertThat(config.rawRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString()).contains("https://influx.example:8086").doesNotContain("secret-token");
        try (TimeSeriesReader reader = TimeSeriesReader.open(config)) {
            assertThat(reader).isInstanceOf(InfluxQlTimeSeriesReader.class);
            assertThat(reader.store()).isEqualTo("InfluxDB at https://influx.example:8086 (database telemetry)");
        }
    }

    @Test
    void malformedValuesAreErrorsNamingTheVariable() {
        assertThatThrownBy(() -> TimeSeriesReadConfig.fromEnv(Map.of("FOREWARN_TIMESERIES_READ", "postgres")))
                .hasMessageContaining("FOREWARN_TIMESERIES_READ must be questdb or influxdb");
        assertThatThrownBy(() -> TimeSeriesReadConfig.fromEnv(Map.of("FOREWARN_TELEMETRY_RETENTION", "90 days")))
                .hasMessageContaining("FOREWARN_TELEMETRY_RETENTION=90 days: not a duration");
        assertThatThrownBy(() -> TimeSeriesReadConfig.fromEnv(Map.of("FOREWARN_TELEMETRY_DOWNSAMPLED_RETENTION", "PT10M")))
                .hasMessageContaining("at least one hour");
    }

    @Test
    void retentionsBecomeWholeDayOrHourTtls() {
        assertThat(QuestDbTelemetrySchema.ttl(Duration.ofDays(90))).isEqualTo("90 DAYS");
        assertThat(QuestDbTelemetrySchema.ttl(Duration.ofHours(36))).isEqualTo("36 HOURS");
        assertThatThrownBy(() -> QuestDbTelemetrySchema.ttl(Duration.ofMinutes(90))).hasMessageContaining("whole number of hours");
    }

    @Test
    void trainingCsvQuotesFieldsThatNeedIt() {
        StringWriter out = new StringWriter();
        TrainingCsv csv = new TrainingCsv(out, List.of("temp"));
        csv.accept(new TrainingRow(Instant.parse("2026-01-05T10:00:00Z"), "a,\"b\"", "M", null, Map.of("temp", 1.5)));

        assertThat(out.toString()).isEqualTo("timestamp,device_id,product_model,mode,temp\n"
                + "2026-01-05T10:00:00Z,\"a,\"\"b\"\"\",M,,1.5\n");
    }

    @Test
    void aSelectionIsEitherAProductModelOrDevices() {
        assertThatThrownBy(() -> new TrainingSelection("M", java.util.Set.of("a"))).hasMessageContaining("either");
        assertThatThrownBy(() -> TrainingSelection.devices(java.util.Set.of())).hasMessageContaining("1 to 10000 devices");
        assertThat(TrainingSelection.devices(java.util.Set.of("b", "a")).deviceIds()).containsExactly("a", "b");
    }

    @Test
    void aTimeRangeMustEndAfterItStarts() {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        assertThatThrownBy(() -> new TimeRange(t, t)).hasMessageContaining("must end after it starts");
        assertThat(new TimeRange(t.plusSeconds(120), t.plusSeconds(600)).buckets(Resolution.of(Duration.ofMinutes(5)))).isEqualTo(2);
    }
}
