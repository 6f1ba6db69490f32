package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.stores.TimeSeriesStore;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
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
}
