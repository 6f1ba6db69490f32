package io.forewarn.alerts.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.write.Point;
import io.forewarn.contracts.telemetry.EmbeddedQuestDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader contract on a real embedded QuestDB, plus QuestDB's retention and downsampling. */
class QuestDbTimeSeriesReaderTest extends TimeSeriesReaderContract {
    @TempDir
    static Path root;
    private static EmbeddedQuestDb questDb;
    private static QuestDbTimeSeriesReader reader;

    @Override
    String startStore() throws Exception {
        questDb = EmbeddedQuestDb.start(root);
        reader = new QuestDbTimeSeriesReader(TimeSeriesReadConfig.questDb(questDb.jdbcUrl()));
        // As the launcher does at start, before the first write; "pressure" stays empty.
        reader.ensureSchema(Set.of("temp", "vib", "pressure"));
        return null;
    }

    @Override
    TimeSeriesReader reader() {
        return reader;
    }

    @Override
    void write(List<Point> points) {
        try (InfluxDBClient client = InfluxDBClientFactory.create(questDb.httpUrl(), "unused".toCharArray(), "forewarn", "telemetry")) {
            client.getWriteApiBlocking().writePoints(points);
        }
    }

    @AfterAll
    static void stop() {
        if (reader != null) reader.close();
        if (questDb != null) questDb.close();
    }

    @Test
    void ensureSchemaPartitionsByDayWithARetentionTtlAndIndexesTheDeviceId() throws Exception {
        reader.ensureSchema(Set.of("temp", "vib", "pressure"));  // a second time: idempotent

        String ddl = questDb.rows("SHOW CREATE TABLE telemetry").get(0).get(0);
        assertThat(ddl).contains("PARTITION BY DAY").contains("TTL 90 DAYS").contains("device_id SYMBOL INDEX")
                .contains("pressure DOUBLE");
    }

    @Test
    void ensureSchemaCreatesTheHourlyViewWithItsOwnRetention() throws Exception {
        assertThat(questDb.rows("SELECT view_name, base_table_name, view_status FROM materialized_views()"))
                .containsExactly(List.of("telemetry_1h", "telemetry", "valid"));
        String ddl = questDb.rows("SHOW CREATE MATERIALIZED VIEW telemetry_1h").get(0).get(0);
        assertThat(ddl).contains("SAMPLE BY 1h").contains("TTL 730 DAYS");
        Awaitility.await("the view is refreshed").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(questDb.rows("SELECT temp_count, temp_min, temp_max FROM telemetry_1h WHERE device_id = 'dev-A'"))
                        .containsExactly(List.of("11", "0.0", "100.0")));
    }

    @Test
    void ensureSchemaUpdatesTheRetentionOfAnExistingTableAndView() throws Exception {
        try (QuestDbTimeSeriesReader shorter = new QuestDbTimeSeriesReader(TimeSeriesReadConfig.questDb(questDb.jdbcUrl())
                .withRetention(Duration.ofDays(30), Duration.ofDays(365)))) {
            shorter.ensureSchema(Set.of("temp", "vib", "pressure"));
            assertThat(questDb.rows("SHOW CREATE TABLE telemetry").get(0).get(0)).contains("TTL 30 DAYS");
            assertThat(questDb.rows("SHOW CREATE MATERIALIZED VIEW telemetry_1h").get(0).get(0)).contains("TTL 365 DAYS");
        } finally {
            reader.ensureSchema(Set.of("temp", "vib", "pressure"));
        }
    }

    @Test
    void coarseReadsOlderThanTheRawRetentionComeFromTheHourlyViewWithTheSameFigures() {
        TimeRange hours = new TimeRange(BASE.minus(Duration.ofHours(1)), BASE.plus(Duration.ofHours(2)));
        DeviceHistory raw = reader.deviceHistory("dev-A", hours, Resolution.ONE_HOUR);
        FleetHistory rawFleet = reader.fleetHistory(AC, hours, Resolution.ONE_HOUR);
        // A reader that keeps raw data for one day reads two-day-old hours from the view.
        try (QuestDbTimeSeriesReader oneDayRaw = new QuestDbTimeSeriesReader(TimeSeriesReadConfig.questDb(questDb.jdbcUrl())
                .withRetention(Duration.ofDays(1), Duration.ofDays(730)))) {
            Awaitility.await("the view is refreshed").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(oneDayRaw.deviceHistory("dev-A", hours, Resolution.ONE_HOUR).buckets()).isEqualTo(raw.buckets()));
            DeviceHistory fromView = oneDayRaw.deviceHistory("dev-A", hours, Resolution.ONE_HOUR);
            assertThat(fromView.downsampled()).isTrue();
            assertThat(raw.downsampled()).isFalse();
            assertThat(fromView.buckets()).singleElement()
                    .satisfies(b -> assertThat(b.sensors().get("temp")).isEqualTo(new SensorStats(145.0 / 11, 0, 100, 11)));
            FleetHistory fleetFromView = oneDayRaw.fleetHistory(AC, hours, Resolution.ONE_HOUR);
            assertThat(fleetFromView.downsampled()).isTrue();
            assertThat(fleetFromView.buckets()).isEqualTo(rawFleet.buckets());
            // Finer resolutions still read raw data.
            assertThat(oneDayRaw.deviceHistory("dev-A", hours, Resolution.ONE_MINUTE).downsampled()).isFalse();
        }
    }

    @Test
    void aStoreThatIsDownGivesAnErrorNamingTheStoreAndTheQuery() {
        String url = "jdbc:postgresql://127.0.0.1:" + EmbeddedQuestDb.freePort() + "/qdb";
        TimeSeriesReadConfig down = new TimeSeriesReadConfig(TimeSeriesReadConfig.Store.QUESTDB, url, "admin", "quest",
                "http://unused", "t", "o", "b", Duration.ofSeconds(2), Duration.ofDays(90), Duration.ofDays(730), Duration.ofHours(1));
        try (TimeSeriesReader unreachable = TimeSeriesReader.open(down)) {
            assertThatThrownBy(() -> unreachable.deviceHistory("dev-A", minutes(0, 10), Resolution.ONE_MINUTE))
                    .isInstanceOfSatisfying(TimeSeriesStoreException.class, e -> {
                        assertThat(e.unavailable()).isTrue();
                        assertThat(e.store()).isEqualTo("QuestDB at " + url);
                        assertThat(e.getMessage()).startsWith("QuestDB at " + url + " is unreachable").contains("query: SELECT");
                    });
        }
    }

    @Test
    void aQueryTheStoreRejectsGivesAnErrorWithTheStoresReason() {
        TimeSeriesReadConfig wrongPassword = new TimeSeriesReadConfig(TimeSeriesReadConfig.Store.QUESTDB, questDb.jdbcUrl(),
                "admin", "not-the-password", "http://unused", "t", "o", "b", Duration.ofSeconds(5), Duration.ofDays(90),
                Duration.ofDays(730), Duration.ofHours(1));
        try (TimeSeriesReader refused = TimeSeriesReader.open(wrongPassword)) {
            assertThatThrownBy(() -> refused.fleetHistory(AC, minutes(0, 10), Resolution.ONE_MINUTE))
                    .isInstanceOfSatisfying(TimeSeriesStoreException.class, e -> {
                        assertThat(e.getMessage()).startsWith("QuestDB at " + questDb.jdbcUrl()).contains("password");
                        assertThat(e.query()).isNotBlank();
                    });
        }
    }

    @Test
    void theExportStreamsThroughTheCsvWriterInReplayLayout() {
        java.io.StringWriter csv = new java.io.StringWriter();
        reader.exportTraining(TrainingSelection.devices(Set.of("dev-B")), minutes(0, 2),
                new TrainingCsv(csv, List.of("temp", "vib")));

        reader.exportTraining(TrainingSelection.devices(Set.of("dev-A")), minutes(9, 10), new TrainingCsv(csv, List.of("vib")));

        assertThat(csv.toString()).isEqualTo("timestamp,device_id,product_model,mode,temp,vib\n"
                + minute(0) + ",dev-B,AC-TEST,,100.0,\n"
                + minute(1) + ",dev-B,AC-TEST,,101.0,\n"
                + "timestamp,device_id,product_model,mode,vib\n"
                + minute(9) + ",dev-A,AC-TEST,cooling,90.0\n");
    }
}
