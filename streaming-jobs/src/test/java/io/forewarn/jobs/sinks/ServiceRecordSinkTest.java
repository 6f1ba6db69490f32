package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.service.CustomerReminder;
import io.forewarn.contracts.service.EstimateMethod;
import io.forewarn.contracts.service.EvidenceKind;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.Priority;
import io.forewarn.ingest.validation.DeadLetter;
import io.forewarn.ingest.validation.RejectReason;
import io.forewarn.jobs.decisions.ServiceRecord;
import io.forewarn.jobs.stores.ServiceDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service-record sink against a real PostgreSQL with the real schema: everything lands, replays change nothing,
 * tickets only ever escalate, and the database's one-open-ticket rule holds even when the stream disagrees.
 */
class ServiceRecordSinkTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final String DEVICE = "ac-inv-12k-0001";
    static final String MODE = "refrigerant_leak";

    static ServiceDatabase postgres;
    ServiceDatabase.Database db;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = ServiceDatabase.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        db = postgres.freshDatabase();
        db.register("cust-1", "zh", DEVICE, "AC-INV-12K", LocalDate.parse("2027-01-31"));
    }

    @Test
    void predictionsTicketsRemindersAndDeadLettersAllLand_fullBatchesWithoutWaitingForAFlush() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofHours(48));
        MaintenanceTicket t1 = ticket("t-1", p1, Priority.HIGH, T0);
        CustomerReminder r1 = reminder("r-1", t1);
        DeadLetter d1 = deadLetter("{\"seq\": ", RejectReason.INVALID_JSON, null);

        try (SinkWriter<ServiceRecord> writer = writer(2)) {
            writer.write(ServiceRecord.of(p1), UnregisteredWriterContext.RECORD);
            writer.write(ServiceRecord.of(t1), UnregisteredWriterContext.RECORD);
            assertThat(db.count("tickets")).as("a full batch is written at once").isEqualTo(1);
            writer.write(ServiceRecord.of(r1), UnregisteredWriterContext.RECORD);
            writer.write(ServiceRecord.of(d1), UnregisteredWriterContext.RECORD);
            writer.write(ServiceRecord.of(deadLetter("{}", RejectReason.MISSING_FIELD, "schemaVersion")), UnregisteredWriterContext.RECORD);
            assertThat(db.count("dead_letters")).as("the fifth record waits for the flush").isEqualTo(1);
            writer.flush(false);
        }

        assertThat(db.rows("SELECT device_id, failure_mode, detected_at = ?, model_version, evidence->0->>'feature' FROM predictions",
                Timestamp.from(T0)))
                .containsExactly(List.of(DEVICE, MODE, "t", "AC-INV-12K/v1", "suction_pressure"));
        assertThat(db.rows("SELECT ticket_id, status, priority, prediction_id, service_charge, technician_actions->>1 FROM tickets"))
                .containsExactly(List.of("t-1", "OPEN", "HIGH", "p-1", "FREE", "Repair the leak"));
        assertThat(db.rows("SELECT ticket_id, actor, from_status, to_status, dedupe_key FROM ticket_events"))
                .containsExactly(Arrays.asList("t-1", "forewarn-job", null, "OPEN", "job:open:t-1"));
        assertThat(db.rows("SELECT reminder_id, ticket_id, customer_id, language, channel, status, title FROM reminders"))
                .containsExactly(List.of("r-1", "t-1", "cust-1", "zh", "SMS", "QUEUED", "您的空调需要预防性维护"));
        assertThat(db.rows("SELECT reason, field, topic, device_id, convert_from(payload, 'UTF8') FROM dead_letters ORDER BY reason"))
                .containsExactly(
                        Arrays.asList("INVALID_JSON", null, "devices/ac-inv-12k-0002/telemetry", "ac-inv-12k-0002", "{\"seq\": "),
                        List.of("MISSING_FIELD", "schemaVersion", "devices/ac-inv-12k-0002/telemetry", "ac-inv-12k-0002", "{}"));
    }

    @Test
    void theEstimateMethodAndEachEvidenceItemsKindAreStoredAsFieldsAndReadBackAsTheContract() throws Exception {
        List<PredictedFailure.Evidence> evidence = List.of(
                new PredictedFailure.Evidence("suction_pressure", "bar", 6.1, 8.5, -3.2, EvidenceKind.PRODUCT_MODEL),
                new PredictedFailure.Evidence("compressor_current", "A", 6.0, 4.5, 3.0, EvidenceKind.DEVICE_BASELINE));
        PredictedFailure supervised = new PredictedFailure(PredictedFailure.SCHEMA_VERSION, "p-1", DEVICE, "AC-INV-12K", MODE,
                T0, T0.plus(Duration.ofHours(30)), 0.8, 0.4, 0.71, 0.62, "AC-INV-12K/v3", EstimateMethod.SUPERVISED_MODEL, evidence);

        write(1, List.of(ServiceRecord.of(supervised)));

        assertThat(db.rows("SELECT model_version, estimate_method, evidence->0->>'kind', evidence->1->>'feature', evidence->1->>'kind'"
                + " FROM predictions"))
                .containsExactly(List.of("AC-INV-12K/v3", "SUPERVISED_MODEL", "PRODUCT_MODEL", "compressor_current", "DEVICE_BASELINE"));
        String stored = db.rows("SELECT evidence FROM predictions").get(0).get(0);
        assertThat(List.of(Json.read(stored, PredictedFailure.Evidence[].class))).isEqualTo(evidence);
    }

    @Test
    void writingTheSameRecordsAgainChangesNothing() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofDays(5));
        MaintenanceTicket t1 = ticket("t-1", p1, Priority.NORMAL, T0);
        Instant later = T0.plus(Duration.ofDays(2));
        PredictedFailure p2 = prediction("p-2", later, Duration.ofHours(30));
        List<ServiceRecord> batch = List.of(ServiceRecord.of(p1), ServiceRecord.of(t1), ServiceRecord.of(reminder("r-1", t1)),
                ServiceRecord.of(p2), ServiceRecord.of(escalated(t1, p2, Priority.HIGH)),
                ServiceRecord.of(deadLetter("not json", RejectReason.INVALID_JSON, null)));

        write(4, batch);
        Map<String, List<List<String>>> first = everything();
        write(4, batch);
        write(1, batch);

        assertThat(everything()).isEqualTo(first);
        assertThat(first.get("tickets")).hasSize(1);
        assertThat(first.get("ticket_events")).hasSize(2);
        assertThat(first.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
    }

    @Test
    void aBatchHoldingATicketsOpeningReminderAndEscalationStoresWhatWritingRecordByRecordStores() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofDays(5));
        MaintenanceTicket t1 = ticket("t-1", p1, Priority.NORMAL, T0);
        PredictedFailure p2 = prediction("p-2", T0.plus(Duration.ofDays(1)), Duration.ofHours(30));
        PredictedFailure p3 = prediction("p-3", T0.plus(Duration.ofDays(2)), Duration.ofHours(10));
        MaintenanceTicket suppressed = ticket("t-2", p3, Priority.URGENT, p3.detectedAt());
        List<ServiceRecord> stream = List.of(ServiceRecord.of(p1), ServiceRecord.of(t1), ServiceRecord.of(reminder("r-1", t1)),
                ServiceRecord.of(p2), ServiceRecord.of(escalated(t1, p2, Priority.HIGH)), ServiceRecord.of(p3),
                ServiceRecord.of(escalated(t1, p3, Priority.URGENT)), ServiceRecord.of(suppressed),
                ServiceRecord.of(reminder("r-2", suppressed)), ServiceRecord.of(deadLetter("{", RejectReason.INVALID_JSON, null)));

        write(100, stream);
        Map<String, List<List<String>>> batched = stored(db);
        db = postgres.freshDatabase();
        db.register("cust-1", "zh", DEVICE, "AC-INV-12K", LocalDate.parse("2027-01-31"));
        write(1, stream);

        assertThat(batched).isEqualTo(stored(db));
        assertThat(batched.get("tickets")).as("escalated twice within the batch").containsExactly(List.of("t-1", "URGENT", "p-3"));
        assertThat(batched.get("ticket_events")).extracting(row -> row.get(2))
                .containsExactly("job:open:t-1", "job:escalate:p-2", "job:escalate:p-3");
        assertThat(batched.get("reminders")).as("no reminder for the ticket not opened").containsExactly(List.of("r-1", "t-1"));
    }

    @Test
    void anEscalationRaisesThePriorityAndIsRecordedOnce() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofDays(5));
        MaintenanceTicket t1 = ticket("t-1", p1, Priority.NORMAL, T0);
        write(10, List.of(ServiceRecord.of(p1), ServiceRecord.of(t1)));

        Instant later = T0.plus(Duration.ofDays(3));
        PredictedFailure p2 = prediction("p-2", later, Duration.ofHours(10));
        List<ServiceRecord> escalation = List.of(ServiceRecord.of(p2), ServiceRecord.of(escalated(t1, p2, Priority.URGENT)));
        write(10, escalation);

        assertThat(db.rows("SELECT priority, prediction_id, predicted_failure_at = ? FROM tickets WHERE ticket_id = 't-1'",
                Timestamp.from(p2.estimatedFailureAt())))
                .containsExactly(List.of("URGENT", "p-2", "t"));
        assertThat(db.rows("SELECT from_status, to_status, dedupe_key FROM ticket_events ORDER BY event_id"))
                .containsExactly(
                        Arrays.asList(null, "OPEN", "job:open:t-1"),
                        List.of("OPEN", "OPEN", "job:escalate:p-2"));
        Map<String, List<List<String>>> afterEscalation = everything();

        write(10, escalation);

        assertThat(everything()).as("the replayed escalation").isEqualTo(afterEscalation);
    }

    @Test
    void aTicketDetectedInThePastGetsItsWholeFirstResponsePromiseFromWhenItReachesTheDesk_alsoWhenEscalated() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofDays(5));
        Instant before = Instant.now();
        write(10, List.of(ServiceRecord.of(p1), ServiceRecord.of(ticket("t-1", p1, Priority.NORMAL, T0))));
        Instant after = Instant.now();

        Duration week = Duration.ofDays(7); // NORMAL's resolution target (V2's resolution_target)
        assertThat(db.rows("SELECT opened_at = ?, first_response_due BETWEEN ? AND ?, resolution_due BETWEEN ? AND ?"
                        + " FROM tickets WHERE ticket_id = 't-1'",
                Timestamp.from(T0), Timestamp.from(before.plus(Priority.NORMAL.firstResponse()).minusMillis(1)),
                Timestamp.from(after.plus(Priority.NORMAL.firstResponse()).plusMillis(1)),
                Timestamp.from(before.plus(week).minusMillis(1)), Timestamp.from(after.plus(week).plusMillis(1))))
                .as("opened when detected (what evaluations measure), due whole promises after it was written")
                .containsExactly(List.of("t", "t", "t"));

        PredictedFailure p2 = prediction("p-2", T0.plus(Duration.ofDays(3)), Duration.ofHours(10));
        before = Instant.now();
        write(10, List.of(ServiceRecord.of(p2), ServiceRecord.of(escalated(ticket("t-1", p1, Priority.NORMAL, T0), p2, Priority.URGENT))));
        after = Instant.now();

        assertThat(db.rows("SELECT first_response_due BETWEEN ? AND ? FROM tickets WHERE ticket_id = 't-1'",
                Timestamp.from(before.plus(Priority.URGENT.firstResponse()).minusMillis(1)),
                Timestamp.from(after.plus(Priority.URGENT.firstResponse()).plusMillis(1))))
                .as("escalated to urgent: due within the hour from the escalation's arrival")
                .containsExactly(List.of("t"));
    }

    @Test
    void aTicketDetectedNowIsDueItsPromiseAfterItsDetection() throws Exception {
        Instant soon = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        PredictedFailure p1 = prediction("p-1", soon, Duration.ofDays(5));
        write(10, List.of(ServiceRecord.of(p1), ServiceRecord.of(ticket("t-1", p1, Priority.NORMAL, soon))));

        assertThat(db.rows("SELECT first_response_due = ?, resolution_due = ? FROM tickets WHERE ticket_id = 't-1'",
                Timestamp.from(soon.plus(Priority.NORMAL.firstResponse())), Timestamp.from(soon.plus(Duration.ofDays(7)))))
                .containsExactly(List.of("t", "t"));
    }

    @Test
    void aReplayedLessUrgentTicketNeverLowersThePriority() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofHours(12));
        MaintenanceTicket t1 = ticket("t-1", p1, Priority.URGENT, T0);
        write(10, List.of(ServiceRecord.of(p1), ServiceRecord.of(t1)));
        Map<String, List<List<String>>> before = everything();

        PredictedFailure p3 = prediction("p-3", T0.plus(Duration.ofHours(1)), Duration.ofDays(20));
        write(10, List.of(ServiceRecord.of(p3), ServiceRecord.of(escalated(t1, p3, Priority.LOW))));

        assertThat(db.value("SELECT priority FROM tickets WHERE ticket_id = 't-1'")).isEqualTo("URGENT");
        assertThat(db.value("SELECT prediction_id FROM tickets WHERE ticket_id = 't-1'")).isEqualTo("p-1");
        assertThat(db.count("ticket_events")).isEqualTo(1);
        assertThat(everything().get("tickets")).isEqualTo(before.get("tickets"));
    }

    @Test
    void aResolvedTicketIsNotEscalatedByALatePrediction() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofDays(5));
        MaintenanceTicket t1 = ticket("t-1", p1, Priority.NORMAL, T0);
        write(10, List.of(ServiceRecord.of(p1), ServiceRecord.of(t1)));
        db.execute("UPDATE tickets SET status = 'RESOLVED' WHERE ticket_id = 't-1'");

        PredictedFailure p2 = prediction("p-2", T0.plus(Duration.ofDays(1)), Duration.ofHours(5));
        write(10, List.of(ServiceRecord.of(p2), ServiceRecord.of(escalated(t1, p2, Priority.URGENT))));

        assertThat(db.rows("SELECT status, priority FROM tickets")).containsExactly(List.of("RESOLVED", "NORMAL"));
        assertThat(db.count("ticket_events")).isEqualTo(1);
    }

    @Test
    void aSecondTicketForTheSameDeviceAndModeIsNotOpenedWhileOneIsOpen_andItsReminderIsNotQueued() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofDays(5));
        MaintenanceTicket t1 = ticket("t-1", p1, Priority.NORMAL, T0);
        write(10, List.of(ServiceRecord.of(p1), ServiceRecord.of(t1), ServiceRecord.of(reminder("r-1", t1))));

        PredictedFailure p4 = prediction("p-4", T0.plus(Duration.ofDays(1)), Duration.ofHours(12));
        MaintenanceTicket t2 = ticket("t-2", p4, Priority.URGENT, p4.detectedAt());
        write(10, List.of(ServiceRecord.of(p4), ServiceRecord.of(t2), ServiceRecord.of(reminder("r-2", t2))));

        assertThat(db.rows("SELECT ticket_id, priority FROM tickets")).containsExactly(List.of("t-1", "NORMAL"));
        assertThat(db.rows("SELECT reminder_id FROM reminders")).containsExactly(List.of("r-1"));
        assertThat(db.rows("SELECT prediction_id FROM predictions ORDER BY prediction_id"))
                .as("the prediction itself is kept").containsExactly(List.of("p-1"), List.of("p-4"));
        assertThat(db.count("ticket_events")).isEqualTo(1);
    }

    @Test
    void theTicketAuditTrailIsAppendOnly() throws Exception {
        PredictedFailure p1 = prediction("p-1", T0, Duration.ofDays(5));
        write(10, List.of(ServiceRecord.of(p1), ServiceRecord.of(ticket("t-1", p1, Priority.NORMAL, T0))));

        assertThatThrownBy(() -> db.execute("UPDATE ticket_events SET note = 'rewritten'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("ticket_events is append-only");
        assertThatThrownBy(() -> db.execute("DELETE FROM ticket_events"))
                .isInstanceOf(SQLException.class).hasMessageContaining("ticket_events is append-only");
        assertThat(db.count("ticket_events")).isEqualTo(1);
    }

    private SinkWriter<ServiceRecord> writer(int batchSize) {
        return new ServiceRecordSink(db.jdbc(), batchSize).createWriter(new UnregisteredWriterContext());
    }

    /** Writes through a new writer, as a restarted job replaying from its last checkpoint would. */
    private void write(int batchSize, List<ServiceRecord> records) throws Exception {
        try (SinkWriter<ServiceRecord> writer = writer(batchSize)) {
            for (ServiceRecord record : records) {
                writer.write(record, UnregisteredWriterContext.RECORD);
            }
            writer.flush(false);
        }
    }

    /** What the job decides, table by table, without the columns the database stamps with its own clock. */
    private static Map<String, List<List<String>>> stored(ServiceDatabase.Database db) throws SQLException {
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        tables.put("predictions", db.rows("SELECT prediction_id, detected_at FROM predictions ORDER BY prediction_id"));
        tables.put("tickets", db.rows("SELECT ticket_id, priority, prediction_id FROM tickets ORDER BY ticket_id"));
        tables.put("ticket_events", db.rows("SELECT ticket_id, note, dedupe_key FROM ticket_events ORDER BY event_id"));
        tables.put("reminders", db.rows("SELECT reminder_id, ticket_id FROM reminders ORDER BY reminder_id"));
        tables.put("dead_letters", db.rows("SELECT reason FROM dead_letters"));
        return tables;
    }

    /** Every row the job writes, table by table, in a stable order. */
    private Map<String, List<List<String>>> everything() throws SQLException {
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        tables.put("predictions", db.rows("SELECT * FROM predictions ORDER BY prediction_id"));
        tables.put("tickets", db.rows("SELECT * FROM tickets ORDER BY ticket_id"));
        tables.put("ticket_events", db.rows("SELECT * FROM ticket_events ORDER BY event_id"));
        tables.put("reminders", db.rows("SELECT * FROM reminders ORDER BY reminder_id"));
        tables.put("dead_letters", db.rows("SELECT * FROM dead_letters ORDER BY dead_letter_id"));
        return tables;
    }

    static PredictedFailure prediction(String id, Instant detectedAt, Duration timeToFailure) {
        return new PredictedFailure(PredictedFailure.SCHEMA_VERSION, id, DEVICE, "AC-INV-12K", MODE, detectedAt,
                detectedAt.plus(timeToFailure), 0.87, 0.35, 0.71, 0.62, "AC-INV-12K/v1", EstimateMethod.TREND_EXTRAPOLATION,
                List.of(new PredictedFailure.Evidence("suction_pressure", "bar", 6.1, 8.5, -3.2, EvidenceKind.PRODUCT_MODEL),
                        new PredictedFailure.Evidence("suction_line_temp", "°C", 19.4, 12.0, 2.9, EvidenceKind.PRODUCT_MODEL)));
    }

    static MaintenanceTicket ticket(String id, PredictedFailure p, Priority priority, Instant openedAt) {
        return new MaintenanceTicket(MaintenanceTicket.SCHEMA_VERSION, id, MaintenanceTicket.KIND_PREDICTED_FAILURE, DEVICE,
                "AC-INV-12K", MODE, p.predictionId(), priority, "OPEN", openedAt, openedAt.plus(priority.firstResponse()),
                p.estimatedFailureAt(), "FREE", "refrigeration", List.of("Leak-test the circuit", "Repair the leak"),
                "Refrigerant leak predicted");
    }

    static MaintenanceTicket escalated(MaintenanceTicket open, PredictedFailure p, Priority priority) {
        return new MaintenanceTicket(open.schemaVersion(), open.ticketId(), open.kind(), open.deviceId(), open.productModel(),
                open.failureMode(), p.predictionId(), priority, open.status(), open.openedAt(),
                p.detectedAt().plus(priority.firstResponse()), p.estimatedFailureAt(), open.serviceCharge(),
                open.requiredSkill(), open.technicianActions(), open.summary());
    }

    static CustomerReminder reminder(String id, MaintenanceTicket t) {
        return new CustomerReminder(CustomerReminder.SCHEMA_VERSION, id, t.ticketId(), DEVICE, "cust-1", "zh", "SMS", "QUEUED",
                t.openedAt(), "您的空调需要预防性维护", "制冷剂压力在缓慢下降", "压缩机可能过热", "请预约上门检修", "请通过链接预约");
    }

    static DeadLetter deadLetter(String payload, RejectReason reason, String field) {
        return new DeadLetter("devices/ac-inv-12k-0002/telemetry", "ac-inv-12k-0002", reason, field, reason + " in test",
                payload.getBytes(StandardCharsets.UTF_8), T0);
    }
}
