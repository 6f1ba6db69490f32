package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.stores.TimeSeriesStore;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry sink writes line protocol through the InfluxDB v2 write API; here into a real QuestDB, read back
 * over SQL: every reading arrives, in batches, with its device and product model as tags and its sensors as fields.
 */
class TelemetrySinkTest {
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    static Path questDbRoot;
    static TimeSeriesStore questDb;

    @BeforeAll
    static void startQuestDb() throws Exception {
        questDb = TimeSeriesStore.start(questDbRoot);
    }

    @AfterAll
    static void stopQuestDb() {
        questDb.close();
    }

    @Test
    void readingsAreWrittenInBatchesWithTheirTagsAndFields() throws Exception {
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDegradingDevices(0).withDevices(4).withStart(START));
        SimulatedDevice ac = fleet.devices().stream().filter(d -> d.model().id().equals("AC-INV-12K")).findFirst().orElseThrow();
        SimulatedDevice washer = fleet.devices().stream().filter(d -> d.model().id().equals("WM-FL-9KG")).findFirst().orElseThrow();
        List<TelemetryMessage> readings = new ArrayList<>();
        for (long seq = 1; seq <= 10; seq++) {
            readings.add(ac.message(seq));
            readings.add(washer.message(seq));
        }

        try (SinkWriter<TelemetryMessage> writer = new TelemetrySink(questDb.settings(7)).createWriter(new UnregisteredWriterContext())) {
            for (TelemetryMessage reading : readings.subList(0, 14)) {
                writer.write(reading, UnregisteredWriterContext.RECORD);
            }
            await("two full batches, written without a flush").atMost(Duration.ofSeconds(30))
                    .until(() -> questDb.count(TelemetrySink.MEASUREMENT), n -> n == 14);

            for (TelemetryMessage reading : readings.subList(14, 20)) {
                writer.write(reading, UnregisteredWriterContext.RECORD);
            }
            writer.flush(false);
        }

        await("the rest, written by the flush").atMost(Duration.ofSeconds(30))
                .until(() -> questDb.count(TelemetrySink.MEASUREMENT), n -> n == 20);
        assertThat(questDb.rows("SELECT device_id, product_model, count() FROM telemetry ORDER BY device_id"))
                .containsExactly(
                        List.of(ac.deviceId(), "AC-INV-12K", "10"),
                        List.of(washer.deviceId(), "WM-FL-9KG", "10"));
        TelemetryMessage third = ac.message(3);
        assertThat(questDb.rows("SELECT vibration_rms, airflow FROM telemetry WHERE device_id = '" + ac.deviceId()
                + "' AND timestamp = '" + third.eventTime() + "'"))
                .containsExactly(List.of(
                        String.valueOf(third.metrics().get("vibration_rms").value()),
                        String.valueOf(third.metrics().get("airflow").value())));
    }

    @Test
    void aBatchThatDoesNotFillUpIsWrittenOnceItsFirstReadingHasWaitedTheFlushInterval(@TempDir Path root) throws Exception {
        SimulatedDevice device = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDegradingDevices(0).withDevices(1)
                .withStart(START)).devices().get(0);
        UnregisteredWriterContext context = new UnregisteredWriterContext();
        try (TimeSeriesStore store = TimeSeriesStore.start(root);
             SinkWriter<TelemetryMessage> writer = new TelemetrySink(store.settings(1_000)).createWriter(context)) { // 1 s interval
            writer.write(device.message(1), UnregisteredWriterContext.RECORD);
            context.time().advance(600);
            writer.write(device.message(2), UnregisteredWriterContext.RECORD);
            writer.write(device.message(3), UnregisteredWriterContext.RECORD);
            context.time().advance(399);
            assertThat(sent(context)).as("sent before the first reading waited 1 s").isZero();

            context.time().advance(1);
            await("the three readings, sent when the first had waited 1 s").atMost(Duration.ofSeconds(30))
                    .until(() -> sent(context), n -> n == 3);
            await("and stored, without a checkpoint or a full batch").atMost(Duration.ofSeconds(30))
                    .until(() -> store.count(TelemetrySink.MEASUREMENT), n -> n == 3);

            writer.write(device.message(4), UnregisteredWriterContext.RECORD);
            context.time().advance(999);
            assertThat(sent(context)).as("a later batch waits its own interval").isEqualTo(3);
            context.time().advance(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent(context), n -> n == 4);
        }
    }

    @Test
    void aBatchTheStoreRejectsFailsTheWriterAtOnce_withTheStoresReason_andNothingOfItIsStored(@TempDir Path root) throws Exception {
        try (TimeSeriesStore mistyped = TimeSeriesStore.start(root)) {
            // Someone created the sensor's column with another type: QuestDB answers 400 to every batch holding it.
            mistyped.execute("CREATE TABLE telemetry (device_id SYMBOL, product_model SYMBOL, airflow VARCHAR, timestamp TIMESTAMP)"
                    + " TIMESTAMP(timestamp) PARTITION BY DAY WAL");
            TimeSeriesSettings settings = withGiveUpAfter(mistyped.settings(100), Duration.ofMinutes(10));
            SimulatedDevice ac = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDegradingDevices(0).withDevices(4)
                    .withStart(START)).devices().stream().filter(d -> d.model().id().equals("AC-INV-12K")).findFirst().orElseThrow();

            long started = System.nanoTime();
            try (SinkWriter<TelemetryMessage> writer = new TelemetrySink(settings).createWriter(new UnregisteredWriterContext())) {
                writer.write(ac.message(1), UnregisteredWriterContext.RECORD);
                writer.write(ac.message(2), UnregisteredWriterContext.RECORD);
                assertThatThrownBy(() -> writer.flush(false))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("rejected a batch of 2 points with HTTP status code: 400")
                        .hasMessageContaining("cast error")
                        .hasMessageContaining("telemetry,device_id=" + ac.deviceId());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not retried for the 10 minutes").isLessThan(Duration.ofSeconds(30));
            assertThat(mistyped.count(TelemetrySink.MEASUREMENT)).isZero();
        }
    }

    @Test
    void writesTheStoreDoesNotAuthoriseAreRetriedUntilGiveUpAfter_thenTheWriterFailsNamingTheSettings(@TempDir Path root)
            throws Exception {
        try (TimeSeriesStore guarded = TimeSeriesStore.start(root, "http.user=writer\nhttp.password=not-the-token")) {
            TimeSeriesSettings settings = withGiveUpAfter(guarded.settings(100), Duration.ofSeconds(3));
            SimulatedDevice device = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDegradingDevices(0).withDevices(1)
                    .withStart(START)).devices().get(0);

            long started = System.nanoTime();
            try (SinkWriter<TelemetryMessage> writer = new TelemetrySink(settings).createWriter(new UnregisteredWriterContext())) {
                writer.write(device.message(1), UnregisteredWriterContext.RECORD);
                assertThatThrownBy(() -> writer.flush(false))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("did not take 1 points for PT3S")
                        .hasMessageContaining("last: HTTP 401");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("retried until giving up").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void aReadingIsOneLineOfLineProtocol_tagsForDeviceAndModel_aFieldPerSensor_millisecondTime() {
        Map<String, TelemetryMessage.Metric> metrics = new LinkedHashMap<>();
        metrics.put("vibration_rms", new TelemetryMessage.Metric(2.35, "mm/s"));
        metrics.put("airflow", new TelemetryMessage.Metric(410.5, "m3/h"));
        TelemetryMessage message = new TelemetryMessage(1, "ac-inv-12k-0001", "AC-INV-12K",
                Instant.parse("2026-03-01T00:05:00Z"), 2, metrics);

        assertThat(TelemetrySink.toPoint(message).toLineProtocol())
                .isEqualTo("telemetry,device_id=ac-inv-12k-0001,product_model=AC-INV-12K airflow=410.5,vibration_rms=2.35 1772323500000");
    }

    @Test
    void tagValuesAreEscaped_soADeviceIdCannotInjectTagsOrFields() {
        TelemetryMessage message = new TelemetryMessage(1, "ac 1,room=x", "AC-INV-12K", Instant.parse("2026-03-01T00:05:00Z"), 2,
                Map.of("airflow", new TelemetryMessage.Metric(410.5, "m3/h")));

        assertThat(TelemetrySink.toPoint(message).toLineProtocol())
                .isEqualTo("telemetry,device_id=ac\\ 1\\,room\\=x,product_model=AC-INV-12K airflow=410.5 1772323500000");
    }

    @Test
    void aReadingThatNamesItsOperatingModeCarriesItAsATag() {
        TelemetryMessage message = new TelemetryMessage(2, "ac-inv-12k-0001", "AC-INV-12K", Instant.parse("2026-03-01T00:05:00Z"), 2,
                "off", Map.of("airflow", new TelemetryMessage.Metric(0.0, "m3/h")));

        assertThat(TelemetrySink.toPoint(message).toLineProtocol())
                .isEqualTo("telemetry,device_id=ac-inv-12k-0001,mode=off,product_model=AC-INV-12K airflow=0.0 1772323500000");
    }

    private static TimeSeriesSettings withGiveUpAfter(TimeSeriesSettings s, Duration giveUpAfter) {
        return new TimeSeriesSettings(s.url(), s.token(), s.org(), s.bucket(), s.batchSize(), s.flushInterval(), giveUpAfter);
    }

    private static long sent(UnregisteredWriterContext context) {
        return context.metricGroup().getNumRecordsSendCounter().getCount();
    }
}
