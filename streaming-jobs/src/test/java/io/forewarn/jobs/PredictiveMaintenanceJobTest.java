package io.forewarn.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.jobs.sinks.TelemetrySink;
import io.forewarn.jobs.stores.ServiceDatabase;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a Flink MiniCluster, fed a bounded stream of MQTT records, writing to a real PostgreSQL and a
 * real QuestDB: a degrading device gets one ticket for its true failure mode and a reminder, its healthy sibling
 * gets none, bad payloads land in the dead letters with their reasons, and every good reading is stored once.
 */
class PredictiveMaintenanceJobTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobUnderTest.miniCluster();

    @RegisterExtension
    static final JobUnderTest JOB = new JobUnderTest();

    @Test
    void aDegradingDeviceGetsOneTicketForItsTrueFailureMode_theHealthyOneNone_badPayloadsAndUnknownDevicesAreDeadLettered_readingsStoredOnce()
            throws Exception {
        Fleet fleet = Fleet.create(CATALOG, FleetConfig.defaults().withDevices(8).withDegradingDevices(1).withSeed(2026).withStart(START));
        GroundTruth truth = fleet.groundTruth().get(0);
        SimulatedDevice degrading = fleet.device(truth.deviceId()).orElseThrow();
        SimulatedDevice healthy = fleet.devices().stream()
                .filter(d -> d.model().id().equals(degrading.model().id()) && d.fault().isEmpty()).findFirst().orElseThrow();
        ProductModel model = degrading.model();

        Path models = JOB.trainedModels(CATALOG, model);
        ServiceDatabase.Database db = JOB.database(degrading, healthy);

        // Both devices report until the degrading one fails; one reading is delivered twice, as MQTT does after a reconnect.
        long readings = degrading.lastSeqAt(truth.failureAt().minusSeconds(1));
        List<TelemetryMessage> good = new ArrayList<>();
        for (long seq = 1; seq <= readings; seq++) {
            good.add(degrading.message(seq));
            good.add(healthy.message(seq));
        }
        List<MqttRecord> records = new ArrayList<>(good.stream().map(JobUnderTest::record).toList());
        records.add(400, JobUnderTest.record(degrading.message(150)));
        TelemetryMessage sample = healthy.message(20);
        String firstSensor = model.sensors().get(0).name();
        records.add(100, new MqttRecord(TelemetryMessage.topicFor(healthy.deviceId()),
                "{\"schemaVersion\": 1, \"deviceId\": ".getBytes(StandardCharsets.UTF_8), 1, millis(sample)));
        records.add(200, new MqttRecord(TelemetryMessage.topicFor(healthy.deviceId()), withUnit(sample, firstSensor, "furlongs"), 1, millis(sample)));
        records.add(300, new MqttRecord(TelemetryMessage.topicFor(healthy.deviceId()), Json.write(degrading.message(30)).getBytes(StandardCharsets.UTF_8), 1, millis(sample)));
        records.add(500, new MqttRecord("devices/" + healthy.deviceId() + "/status", Json.write(sample).getBytes(StandardCharsets.UTF_8), 1, millis(sample)));
        // A device the directory does not know: valid telemetry, quarantined rather than taken into any history.
        SimulatedDevice stranger = fleet.devices().stream()
                .filter(d -> !d.deviceId().equals(degrading.deviceId()) && !d.deviceId().equals(healthy.deviceId())).findFirst().orElseThrow();
        records.add(250, JobUnderTest.record(stranger.message(1)));
        records.add(350, JobUnderTest.record(stranger.message(2)));

        JobConfig config = JOB.config(db, models, Map.of("FOREWARN_INFLUX_BATCH_SIZE", "500"));
        JOB.run("predictive-maintenance-under-test", records, null, config, CATALOG, db);

        assertThat(db.rows("SELECT device_id, failure_mode, status, kind FROM tickets"))
                .as("tickets of %s (true mode %s, failing at %s)", degrading.deviceId(), truth.failureMode(), truth.failureAt())
                .containsExactly(List.of(degrading.deviceId(), truth.failureMode(), "OPEN", "PREDICTED_FAILURE"));
        assertThat(db.rows("SELECT DISTINCT device_id, failure_mode FROM predictions"))
                .containsExactly(List.of(degrading.deviceId(), truth.failureMode()));
        assertThat(db.value("SELECT count(*) FROM predictions p JOIN tickets t ON t.prediction_id = p.prediction_id"
                + " WHERE p.detected_at < ?", Timestamp.from(truth.failureAt())))
                .as("the ticket rests on a prediction made before the failure").isEqualTo("1");
        assertThat(db.rows("SELECT customer_id, language FROM reminders"))
                .containsExactly(List.of(degrading.profile().customerId(), degrading.profile().language()));

        assertThat(db.rows("SELECT reason, field, topic FROM dead_letters ORDER BY reason"))
                .containsExactly(
                        Arrays.asList("BAD_TOPIC", null, "devices/" + healthy.deviceId() + "/status"),
                        List.of("DEVICE_MISMATCH", "deviceId", TelemetryMessage.topicFor(healthy.deviceId())),
                        Arrays.asList("INVALID_JSON", null, TelemetryMessage.topicFor(healthy.deviceId())),
                        List.of("QUARANTINED_UNKNOWN_DEVICE", "deviceId", TelemetryMessage.topicFor(stranger.deviceId())),
                        List.of("QUARANTINED_UNKNOWN_DEVICE", "deviceId", TelemetryMessage.topicFor(stranger.deviceId())),
                        List.of("UNIT_MISMATCH", "metrics." + firstSensor + ".unit", TelemetryMessage.topicFor(healthy.deviceId())));

        await("every good reading, once, in QuestDB").atMost(Duration.ofSeconds(60))
                .until(() -> JOB.questDb().count(TelemetrySink.MEASUREMENT), n -> n == good.size());
        Map<String, String> perDevice = new HashMap<>();
        JOB.questDb().rows("SELECT device_id, count() FROM telemetry").forEach(row -> perDevice.put(row.get(0), row.get(1)));
        assertThat(perDevice).isEqualTo(Map.of(degrading.deviceId(), String.valueOf(readings), healthy.deviceId(), String.valueOf(readings)));
    }

    private static long millis(TelemetryMessage message) {
        return message.eventTime().toEpochMilli();
    }

    private static byte[] withUnit(TelemetryMessage message, String sensor, String unit) {
        ObjectNode json = Json.mapper().valueToTree(message);
        ((ObjectNode) json.get("metrics").get(sensor)).put("unit", unit);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
