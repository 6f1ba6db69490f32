package io.forewarn.jobs.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.CustomerReminder;
import io.forewarn.contracts.service.EstimateMethod;
import io.forewarn.contracts.service.EvidenceKind;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.Priority;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.jobs.prediction.EpisodePrediction;
import io.forewarn.jobs.directory.DeviceDirectory;
import io.forewarn.jobs.directory.DeviceRecord;
import io.forewarn.jobs.maintenance.MaintenanceSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From predictions to tickets and reminders, per device: one open ticket per failure mode, escalated in place when a
 * later prediction is more urgent, and one reminder per new ticket in the owner's language.
 */
class TicketDecisionsTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final ProductModel AC = CATALOG.require("AC-INV-12K");
    static final FailureMode LEAK = AC.failureMode("refrigerant_leak").orElseThrow();
    static final String BOOKING = "https://service.example/book";
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    /** A day of settling after a visit; a visit never reported finished is over after three days. */
    static final MaintenanceSettings MAINTENANCE = new MaintenanceSettings(null, Duration.ofHours(24), Duration.ofDays(3));

    /** Chinese-speaking owner reached by SMS, warranty until the end of 2026. */
    static final DeviceRecord ZH_UNDER_WARRANTY = new DeviceRecord("ac-zh", AC.id(), "cust-zh", "zh", "SMS", "east", LocalDate.parse("2026-12-31"));
    /** English-speaking owner, warranty ended before the predictions. */
    static final DeviceRecord EN_OUT_OF_WARRANTY = new DeviceRecord("ac-en", AC.id(), "cust-en", "en", "EMAIL", "north", LocalDate.parse("2026-01-31"));
    /** Warranty ends on the day of {@link #T0}. */
    static final DeviceRecord LAST_WARRANTY_DAY = new DeviceRecord("ac-last-day", AC.id(), "cust-en", "en", "EMAIL", "north", LocalDate.parse("2026-03-02"));

    private KeyedTwoInputStreamOperatorTestHarness<String, EpisodePrediction, ServiceMessage, ServiceRecord> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aFirstPredictionEmitsThePredictionThenAnOpenTicketThenAReminderInTheOwnersLanguage() throws Exception {
        PredictedFailure p = prediction("ac-zh", "refrigerant_leak", T0, Duration.ofHours(48), 1);

        harness.processElement1(sameEpisode(p), T0.toEpochMilli());

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).prediction()).isEqualTo(p);

        MaintenanceTicket ticket = out.get(1).ticket();
        assertThat(ticket).isNotNull();
        assertThat(ticket.status()).isEqualTo("OPEN");
        assertThat(ticket.kind()).isEqualTo(MaintenanceTicket.KIND_PREDICTED_FAILURE);
        assertThat(ticket.deviceId()).isEqualTo("ac-zh");
        assertThat(ticket.failureMode()).isEqualTo("refrigerant_leak");
        assertThat(ticket.predictionId()).isEqualTo(p.predictionId());
        assertThat(ticket.priority()).as("48 h to failure").isEqualTo(Priority.HIGH);
        assertThat(ticket.openedAt()).isEqualTo(T0);
        assertThat(ticket.firstResponseDue()).isEqualTo(T0.plus(Priority.HIGH.firstResponse()));
        assertThat(ticket.predictedFailureAt()).isEqualTo(p.estimatedFailureAt());
        assertThat(ticket.serviceCharge()).as("under warranty").isEqualTo("FREE");
        assertThat(ticket.requiredSkill()).isEqualTo(LEAK.requiredSkill());
        assertThat(ticket.technicianActions()).isEqualTo(LEAK.technicianActions());

        CustomerReminder reminder = out.get(2).reminder();
        assertThat(reminder).isNotNull();
        assertThat(reminder.ticketId()).isEqualTo(ticket.ticketId());
        assertThat(reminder.customerId()).isEqualTo("cust-zh");
        assertThat(reminder.deviceId()).isEqualTo("ac-zh");
        assertThat(reminder.language()).isEqualTo("zh");
        assertThat(reminder.channel()).isEqualTo("SMS");
        assertThat(reminder.status()).isEqualTo("QUEUED");
        assertThat(reminder.createdAt()).isEqualTo(T0);
        assertThat(reminder.title()).contains(AC.name().zh());
        assertThat(reminder.whatWeFound()).isEqualTo(LEAK.whatWeFound().zh());
        assertThat(reminder.whyItMatters()).isEqualTo(LEAK.whyItMatters().zh());
        assertThat(reminder.whatToDo()).isEqualTo(LEAK.customerAdvice().zh());
        assertThat(reminder.howToBook()).contains(BOOKING + "?ticket=" + ticket.ticketId()).contains("免费");
    }

    @Test
    void anEnglishSpeakingOwnerOutOfWarrantyGetsAnEnglishReminderAndAPaidTicket() throws Exception {
        harness.processElement1(sameEpisode(prediction("ac-en", "refrigerant_leak", T0, Duration.ofDays(5), 1)), T0.toEpochMilli());

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(3);
        MaintenanceTicket ticket = out.get(1).ticket();
        assertThat(ticket.priority()).as("5 days to failure").isEqualTo(Priority.NORMAL);
        assertThat(ticket.firstResponseDue()).isEqualTo(T0.plus(Priority.NORMAL.firstResponse()));
        assertThat(ticket.serviceCharge()).isEqualTo("PAID");
        CustomerReminder reminder = out.get(2).reminder();
        assertThat(reminder.language()).isEqualTo("en");
        assertThat(reminder.channel()).isEqualTo("EMAIL");
        assertThat(reminder.title()).contains(AC.name().en());
        assertThat(reminder.whatWeFound()).isEqualTo(LEAK.whatWeFound().en());
        assertThat(reminder.whyItMatters()).isEqualTo(LEAK.whyItMatters().en());
        assertThat(reminder.whatToDo()).isEqualTo(LEAK.customerAdvice().en());
        assertThat(reminder.howToBook()).contains(BOOKING + "?ticket=" + ticket.ticketId()).contains("charged");
    }

    @Test
    void theLastDayOfTheWarrantyIsStillCovered() throws Exception {
        harness.processElement1(sameEpisode(prediction("ac-last-day", "refrigerant_leak", T0, Duration.ofDays(5), 1)), T0.toEpochMilli());

        assertThat(harness.extractOutputValues().get(1).ticket().serviceCharge()).isEqualTo("FREE");
    }

    @Test
    void aLessUrgentOrEquallyUrgentLaterPredictionOfTheSameModeIsRecordedButOpensNoTicket() throws Exception {
        harness.processElement1(sameEpisode(prediction("ac-zh", "refrigerant_leak", T0, Duration.ofHours(48), 1)), T0.toEpochMilli());
        int before = harness.extractOutputValues().size();

        PredictedFailure later = prediction("ac-zh", "refrigerant_leak", T0.plusSeconds(3600), Duration.ofDays(6), 2);
        PredictedFailure same = prediction("ac-zh", "refrigerant_leak", T0.plusSeconds(7200), Duration.ofHours(50), 3);
        harness.processElement1(sameEpisode(later), T0.toEpochMilli() + 3_600_000);
        harness.processElement1(sameEpisode(same), T0.toEpochMilli() + 7_200_000);

        List<ServiceRecord> added = harness.extractOutputValues().subList(before, harness.extractOutputValues().size());
        assertThat(added).extracting(ServiceRecord::prediction).containsExactly(later, same);
        assertThat(added).allSatisfy(r -> {
            assertThat(r.ticket()).isNull();
            assertThat(r.reminder()).isNull();
        });
    }

    @Test
    void aMoreUrgentLaterPredictionEscalatesTheSameTicketWithoutAnotherReminder() throws Exception {
        harness.processElement1(sameEpisode(prediction("ac-zh", "refrigerant_leak", T0, Duration.ofDays(5), 1)), T0.toEpochMilli());
        MaintenanceTicket opened = harness.extractOutputValues().get(1).ticket();
        assertThat(opened.priority()).isEqualTo(Priority.NORMAL);

        Instant later = T0.plus(Duration.ofDays(3));
        PredictedFailure urgent = prediction("ac-zh", "refrigerant_leak", later, Duration.ofHours(12), 2);
        harness.processElement1(sameEpisode(urgent), later.toEpochMilli());

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(5);
        assertThat(out.get(3).prediction()).isEqualTo(urgent);
        MaintenanceTicket escalated = out.get(4).ticket();
        assertThat(escalated.ticketId()).isEqualTo(opened.ticketId());
        assertThat(escalated.priority()).isEqualTo(Priority.URGENT);
        assertThat(escalated.predictionId()).isEqualTo(urgent.predictionId());
        assertThat(escalated.openedAt()).as("still the ticket opened first").isEqualTo(T0);
        assertThat(escalated.predictedFailureAt()).isEqualTo(urgent.estimatedFailureAt());
        assertThat(escalated.firstResponseDue()).as("an urgent ticket is answered within the hour it became urgent")
                .isBeforeOrEqualTo(later.plus(Priority.URGENT.firstResponse()));
        assertThat(escalated.serviceCharge()).isEqualTo(opened.serviceCharge());
        assertThat(out).filteredOn(r -> r.reminder() != null).hasSize(1);
    }

    @Test
    void anotherFailureModeOfTheSameDeviceGetsItsOwnTicketAndReminder() throws Exception {
        harness.processElement1(sameEpisode(prediction("ac-zh", "refrigerant_leak", T0, Duration.ofDays(5), 1)), T0.toEpochMilli());
        harness.processElement1(sameEpisode(prediction("ac-zh", "clogged_filter", T0.plusSeconds(600), Duration.ofDays(5), 2)), T0.toEpochMilli() + 600_000);

        List<MaintenanceTicket> tickets = harness.extractOutputValues().stream().map(ServiceRecord::ticket).filter(t -> t != null).toList();
        assertThat(tickets).extracting(MaintenanceTicket::failureMode).containsExactly("refrigerant_leak", "clogged_filter");
        assertThat(tickets.get(0).ticketId()).isNotEqualTo(tickets.get(1).ticketId());
        assertThat(harness.extractOutputValues()).filteredOn(r -> r.reminder() != null).hasSize(2);
    }

    @Test
    void anUnregisteredDeviceGetsAPaidTicketAndNoReminder() throws Exception {
        PredictedFailure p = prediction("ac-unknown", "refrigerant_leak", T0, Duration.ofHours(12), 1);

        harness.processElement1(sameEpisode(p), T0.toEpochMilli());

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).prediction()).isEqualTo(p);
        assertThat(out.get(1).ticket().priority()).isEqualTo(Priority.URGENT);
        assertThat(out.get(1).ticket().serviceCharge()).isEqualTo("PAID");
    }

    @Test
    void theOpenTicketIsRememberedAcrossASnapshotAndRestore() throws Exception {
        harness.processElement1(sameEpisode(prediction("ac-zh", "refrigerant_leak", T0, Duration.ofDays(5), 1)), T0.toEpochMilli());
        String ticketId = harness.extractOutputValues().get(1).ticket().ticketId();
        OperatorSubtaskState snapshot = harness.snapshot(1L, T0.toEpochMilli());
        harness.close();

        harness = harness();
        harness.initializeState(snapshot);
        harness.open();
        Instant later = T0.plus(Duration.ofDays(1));
        harness.processElement1(sameEpisode(prediction("ac-zh", "refrigerant_leak", later, Duration.ofDays(4), 2)), later.toEpochMilli());
        harness.processElement1(sameEpisode(prediction("ac-zh", "refrigerant_leak", later, Duration.ofHours(30), 3)), later.toEpochMilli());

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(r -> r.prediction() != null ? "prediction" : r.ticket() != null ? "ticket" : "reminder")
                .containsExactly("prediction", "prediction", "ticket");
        assertThat(out.get(2).ticket().ticketId()).isEqualTo(ticketId);
        assertThat(out.get(2).ticket().priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void wearAgainAfterARepairIsANewEpisodeAndGetsANewTicketAndReminder() throws Exception {
        harness.processElement1(sameEpisode(prediction("ac-zh", "refrigerant_leak", T0, Duration.ofDays(5), 1)), T0.toEpochMilli());
        Instant afterRepair = T0.plus(Duration.ofDays(20));
        harness.processElement1(new EpisodePrediction(prediction("ac-zh", "refrigerant_leak", afterRepair, Duration.ofDays(5), 1),
                afterRepair), afterRepair.toEpochMilli());

        List<MaintenanceTicket> tickets = harness.extractOutputValues().stream()
                .filter(r -> r.ticket() != null).map(ServiceRecord::ticket).toList();
        assertThat(tickets).hasSize(2);
        assertThat(tickets.get(1).ticketId()).isNotEqualTo(tickets.get(0).ticketId());
        assertThat(tickets.get(1).openedAt()).isEqualTo(afterRepair);
        assertThat(harness.extractOutputValues()).filteredOn(r -> r.reminder() != null).hasSize(2);
    }

    /** Every prediction of these tests belongs to the episode that started at T0, unless a test says otherwise. */
    private static EpisodePrediction sameEpisode(PredictedFailure prediction) {
        return new EpisodePrediction(prediction, T0);
    }

    /** The owners these tests know. */
    static final DeviceDirectory DIRECTORY = new InMemoryDirectory(Map.of(
            ZH_UNDER_WARRANTY.deviceId(), ZH_UNDER_WARRANTY,
            EN_OUT_OF_WARRANTY.deviceId(), EN_OUT_OF_WARRANTY,
            LAST_WARRANTY_DAY.deviceId(), LAST_WARRANTY_DAY));

    static KeyedTwoInputStreamOperatorTestHarness<String, EpisodePrediction, ServiceMessage, ServiceRecord> harness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new TicketDecisions(CATALOG, DIRECTORY, BOOKING, MAINTENANCE)),
                e -> e.prediction().deviceId(), ServiceMessage::deviceId, Types.STRING);
    }

    static PredictedFailure prediction(String deviceId, String mode, Instant detectedAt, Duration timeToFailure, int n) {
        return new PredictedFailure(PredictedFailure.SCHEMA_VERSION, "prediction-" + deviceId + "-" + mode + "-" + n, deviceId,
                AC.id(), mode, detectedAt, detectedAt.plus(timeToFailure), 0.9, 0.4, 0.71, 0.62, AC.id() + "/v1",
                EstimateMethod.TREND_EXTRAPOLATION,
                List.of(new PredictedFailure.Evidence("suction_pressure", "bar", 6.1, 8.5, -3.2, EvidenceKind.PRODUCT_MODEL)));
    }

    /** The device registry as a map; the PostgreSQL one is exercised against a real database in the job test. */
    record InMemoryDirectory(Map<String, DeviceRecord> devices) implements DeviceDirectory {
        @Override
        public void open() {}

        @Override
        public Optional<DeviceRecord> find(String deviceId) {
            return Optional.ofNullable(devices.get(deviceId));
        }
    }
}
