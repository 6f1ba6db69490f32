package io.forewarn.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.MaintenancePlan;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.jobs.stores.ServiceDatabase;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a Flink MiniCluster with service visits beside the telemetry, writing to a real PostgreSQL: a
 * degrading device with a technician at work gets no ticket (its predictions are kept, marked suppressed), a healthy
 * device whose maintenance plan falls due gets one preventive ticket and one reminder, and replaying everything
 * through a fresh job changes nothing.
 */
class MaintenanceInTheJobTest {
    static final java.time.Instant START = PredictiveMaintenanceJobTest.START;

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobUnderTest.miniCluster();

    @RegisterExtension
    static final JobUnderTest JOB = new JobUnderTest();

    @Test
    void aDeviceUnderMaintenanceGetsNoTicket_aDuePlanGetsOnePreventiveTicketAndReminder_aReplayAddsNothing() throws Exception {
        ProductCatalog builtIn = ProductCatalog.builtIn();
        Fleet fleet = Fleet.create(builtIn, FleetConfig.defaults().withDevices(8).withDegradingDevices(1).withSeed(2026).withStart(START));
        GroundTruth truth = fleet.groundTruth().get(0);
        SimulatedDevice serviced = fleet.device(truth.deviceId()).orElseThrow();
        SimulatedDevice due = fleet.devices().stream()
                .filter(d -> d.fault().isEmpty() && firstPlan(d.model()).intervalRuntimeHours() != null).findFirst().orElseThrow();

        // Both report until the degrading one would fail; the healthy one's first plan is shortened so it falls due once.
        long readings = serviced.lastSeqAt(truth.failureAt().minusSeconds(1));
        List<TelemetryMessage> telemetry = new ArrayList<>();
        long running = 0;
        for (long seq = 1; seq <= readings; seq++) {
            telemetry.add(serviced.message(seq));
            TelemetryMessage reading = due.message(seq);
            telemetry.add(reading);
            if (due.model().isMonitored(reading.mode())) running++;
        }
        int intervalHours = (int) (0.6 * running * due.model().sampleIntervalSeconds() / 3600);
        ProductCatalog catalog = withFirstPlanEvery(due.model(), intervalHours);
        MaintenancePlan plan = firstPlan(catalog.require(due.model().id()));

        Path models = JOB.trainedModels(catalog, catalog.require(serviced.model().id()));
        ServiceDatabase.Database db = JOB.database(serviced, due);

        // The technician starts before the first reading and is still at work when the device would have failed.
        List<MqttRecord> visits = List.of(
                visit(serviced.deviceId(), "{\"type\":\"REPAIR\",\"phase\":\"STARTED\",\"at\":\"" + START + "\",\"ticketId\":\"T-1\"}"),
                visit(due.deviceId(), "{\"type\":\"CLEANING\"}"));
        JobConfig config = JOB.config(db, models, Map.of("FOREWARN_MAINTENANCE_OPEN_VISIT_LIMIT", "P60D"));
        List<MqttRecord> records = telemetry.stream().map(JobUnderTest::record).toList();

        for (int run = 1; run <= 2; run++) {
            JOB.run("maintenance-in-the-job-" + run, records, visits, config, catalog, db);

            assertThat(db.rows("SELECT device_id, failure_mode, kind, priority, status FROM tickets"))
                    .as("run %d: tickets (plan every %d h, %s under maintenance)", run, intervalHours, serviced.deviceId())
                    .containsExactly(List.of(due.deviceId(), plan.id(), "PREVENTIVE_PLAN", "LOW", "OPEN"));
            assertThat(db.rows("SELECT actor, to_status, note FROM ticket_events")).containsExactly(List.of("forewarn-job", "OPEN",
                    "opened as maintenance plan " + plan.id() + " fell due with priority LOW"));
            assertThat(db.rows("SELECT customer_id, language FROM reminders"))
                    .containsExactly(List.of(due.profile().customerId(), due.profile().language()));
            assertThat(db.rows("SELECT DISTINCT device_id, failure_mode, suppressed_by FROM predictions"))
                    .as("the serviced device's predictions are kept as evidence, marked")
                    .containsExactly(List.of(serviced.deviceId(), truth.failureMode(), PredictedFailure.VISIT_IN_PROGRESS));
            assertThat(db.rows("SELECT reason, field, topic FROM dead_letters"))
                    .containsExactly(List.of("WRONG_TYPE", "type", ServiceMessage.topicFor(due.deviceId())));
        }
    }

    private static MaintenancePlan firstPlan(ProductModel model) {
        return model.maintenancePlans().get(0);
    }

    /** The built-in catalog with {@code model}'s first maintenance plan due every {@code hours} runtime hours. */
    private static ProductCatalog withFirstPlanEvery(ProductModel model, int hours) throws Exception {
        JsonNode catalog;
        try (InputStream in = ProductCatalog.class.getClassLoader().getResourceAsStream(ProductCatalog.BUILT_IN)) {
            catalog = Json.mapper().readTree(in);
        }
        for (JsonNode m : catalog.get("productModels")) {
            if (m.get("id").asText().equals(model.id())) {
                ((ObjectNode) m.get("maintenancePlans").get(0)).put("intervalRuntimeHours", hours);
            }
        }
        Path file = JOB.directory().resolve("catalog-" + model.id() + ".json");
        Files.writeString(file, catalog.toString());
        return ProductCatalog.fromFile(file);
    }

    private static MqttRecord visit(String deviceId, String json) {
        return new MqttRecord(ServiceMessage.topicFor(deviceId), json.getBytes(StandardCharsets.UTF_8), 1, START.toEpochMilli());
    }
}
