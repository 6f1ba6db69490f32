package io.forewarn.jobs.decisions;

import static io.forewarn.jobs.decisions.TicketDecisionsTest.T0;
import static io.forewarn.jobs.decisions.TicketDecisionsTest.prediction;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.Priority;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.contracts.service.ServiceMessage.Phase;
import io.forewarn.jobs.prediction.EpisodePrediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ticket decisions while a device is serviced: its predictions are recorded, marked suppressed, and open, escalate
 * and remind nothing during the visit and while the readings settle after it (24 h here); a repair closes the memory
 * of the mode's ticket, so the degradation seen after it gets a ticket of its own.
 */
class TicketDecisionsUnderMaintenanceTest {
    static final String DEVICE = "ac-zh";
    static final String LEAK = "refrigerant_leak";

    private KeyedTwoInputStreamOperatorTestHarness<String, EpisodePrediction, ServiceMessage, ServiceRecord> harness;

    @BeforeEach
    void open() throws Exception {
        harness = TicketDecisionsTest.harness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aPredictionDuringAVisitIsRecordedMarkedSuppressed_andOpensNoTicketAndSendsNoReminder() throws Exception {
        visit(MaintenanceType.REPAIR, Phase.STARTED, T0.minus(Duration.ofHours(1)), null, null);
        PredictedFailure p = prediction(DEVICE, LEAK, T0, Duration.ofHours(12), 1);

        predict(p, T0);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(r -> assertThat(r.prediction()).isEqualTo(p.suppressed(PredictedFailure.VISIT_IN_PROGRESS)));
    }

    @Test
    void whileTheReadingsSettleAfterAVisitPredictionsAreSuppressed_afterwardsTheyOpenATicket() throws Exception {
        visit(MaintenanceType.PREVENTIVE_SERVICE, Phase.FINISHED, T0, null, null);

        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofHours(23)), Duration.ofDays(2), 1), T0);
        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofHours(25)), Duration.ofHours(30), 2), T0);

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out.get(0).prediction().suppressedBy()).isEqualTo(PredictedFailure.SETTLING_AFTER_VISIT);
        assertThat(out.subList(1, out.size())).extracting(TicketDecisionsUnderMaintenanceTest::kind)
                .containsExactly("prediction", "ticket", "reminder");
        assertThat(out.get(1).prediction().suppressedBy()).isNull();
        assertThat(out.get(2).ticket().openedAt()).isEqualTo(T0.plus(Duration.ofHours(25)));
    }

    @Test
    void aMoreUrgentPredictionDuringAVisitDoesNotEscalateTheOpenTicket() throws Exception {
        predict(prediction(DEVICE, LEAK, T0, Duration.ofDays(5), 1), T0);
        visit(MaintenanceType.REPAIR, Phase.STARTED, T0.plus(Duration.ofHours(2)), null, null);

        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofHours(3)), Duration.ofHours(10), 2), T0);

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(TicketDecisionsUnderMaintenanceTest::kind)
                .containsExactly("prediction", "ticket", "reminder", "prediction");
        assertThat(out.get(3).prediction().suppressedBy()).isEqualTo(PredictedFailure.VISIT_IN_PROGRESS);
    }

    @Test
    void aRepairOfTheModeClosesItsTicketsMemory_theSameEpisodeAfterTheSettlingGetsANewTicketAndReminder() throws Exception {
        predict(prediction(DEVICE, LEAK, T0, Duration.ofDays(5), 1), T0);
        MaintenanceTicket first = tickets().get(0);
        Instant repaired = T0.plus(Duration.ofDays(1));
        visit(MaintenanceType.REPAIR, Phase.FINISHED, repaired, null, LEAK);

        // The prognosis still counts the wear in the episode that began at T0: the fault outlived its repair.
        Instant later = repaired.plus(Duration.ofHours(30));
        predict(prediction(DEVICE, LEAK, later, Duration.ofDays(5), 2), T0);

        List<MaintenanceTicket> tickets = tickets();
        assertThat(tickets).hasSize(2);
        assertThat(tickets.get(1).ticketId()).isNotEqualTo(first.ticketId())
                .isEqualTo(DeterministicIds.of("ticket", DEVICE, LEAK, repaired));
        assertThat(tickets.get(1).openedAt()).isEqualTo(later);
        assertThat(harness.extractOutputValues()).filteredOn(r -> r.reminder() != null).hasSize(2);
    }

    @Test
    void aRepairNamingATicketClosesOnlyThatTicketsMode() throws Exception {
        predict(prediction(DEVICE, LEAK, T0, Duration.ofDays(5), 1), T0);
        predict(prediction(DEVICE, "clogged_filter", T0, Duration.ofDays(5), 2), T0);
        List<MaintenanceTicket> opened = tickets();
        visit(MaintenanceType.REPAIR, Phase.FINISHED, T0.plus(Duration.ofHours(1)), opened.get(0).ticketId(), null);

        Instant later = T0.plus(Duration.ofDays(2));
        predict(prediction(DEVICE, LEAK, later, Duration.ofHours(48), 3), T0);
        predict(prediction(DEVICE, "clogged_filter", later, Duration.ofHours(48), 4), T0);

        List<MaintenanceTicket> after = tickets().subList(2, 4);
        assertThat(after.get(0).ticketId()).as("the repaired leak: a new ticket").isNotEqualTo(opened.get(0).ticketId());
        assertThat(after.get(1).ticketId()).as("the filter: its open ticket, escalated").isEqualTo(opened.get(1).ticketId());
        assertThat(after.get(1).priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aRepairOnAnotherTicketLeavesTheFailureTicketOpen() throws Exception {
        predict(prediction(DEVICE, LEAK, T0, Duration.ofDays(5), 1), T0);
        MaintenanceTicket open = tickets().get(0);
        visit(MaintenanceType.REPAIR, Phase.FINISHED, T0.plus(Duration.ofHours(1)), "ticket-of-a-maintenance-plan", null);

        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofDays(2)), Duration.ofHours(48), 2), T0);

        assertThat(tickets()).extracting(MaintenanceTicket::ticketId).containsExactly(open.ticketId(), open.ticketId());
        assertThat(tickets().get(1).priority()).as("escalated").isEqualTo(Priority.HIGH);
    }

    @Test
    void aVisitWithoutATimeStartsAtTheJobsEventTime_anEarlierPredictionArrivingLateIsActedOn() throws Exception {
        harness.processWatermark1(new Watermark(T0.toEpochMilli()));
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        visit(MaintenanceType.REPAIR, Phase.STARTED, null, null, null);

        predict(prediction(DEVICE, LEAK, T0.minus(Duration.ofMinutes(10)), Duration.ofDays(5), 1), T0);
        predict(prediction("ac-en", LEAK, T0.plus(Duration.ofMinutes(10)), Duration.ofDays(5), 2), T0);
        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofMinutes(10)), Duration.ofHours(10), 3), T0);

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(TicketDecisionsUnderMaintenanceTest::kind)
                .as("before the visit: acted on; another device: acted on; during the visit: suppressed")
                .containsExactly("prediction", "ticket", "reminder", "prediction", "ticket", "reminder", "prediction");
        assertThat(out.get(6).prediction().suppressedBy()).isEqualTo(PredictedFailure.VISIT_IN_PROGRESS);
    }

    @Test
    void aVisitWithoutATimeWhileTheTelemetryIsIdleStartsAtTheDevicesNextPrediction() throws Exception {
        harness.processWatermarkStatus1(WatermarkStatus.IDLE);
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        visit(MaintenanceType.REPAIR, Phase.STARTED, null, null, null);

        predict(prediction(DEVICE, LEAK, T0, Duration.ofDays(5), 1), T0);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(r -> assertThat(r.prediction().suppressedBy()).isEqualTo(PredictedFailure.VISIT_IN_PROGRESS));
    }

    @Test
    void aVisitNeverReportedFinishedStopsHoldingAfterTheLimit() throws Exception {
        visit(MaintenanceType.REPAIR, Phase.STARTED, T0, null, null);

        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofDays(3)).minusSeconds(60), Duration.ofDays(5), 1), T0);
        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofDays(3)), Duration.ofDays(4), 2), T0);

        assertThat(harness.extractOutputValues()).extracting(TicketDecisionsUnderMaintenanceTest::kind)
                .containsExactly("prediction", "prediction", "ticket", "reminder");
    }

    @Test
    void aVisitInProgressIsRememberedAcrossASnapshotAndRestore() throws Exception {
        visit(MaintenanceType.REPAIR, Phase.STARTED, T0, null, null);
        predict(prediction(DEVICE, LEAK, T0.plusSeconds(60), Duration.ofDays(5), 1), T0); // the visit takes effect
        visit(MaintenanceType.REPAIR, Phase.FINISHED, T0.plus(Duration.ofHours(4)), null, null); // still waiting for its time
        OperatorSubtaskState snapshot = harness.snapshot(1L, T0.toEpochMilli());
        harness.close();

        harness = TicketDecisionsTest.harness();
        harness.initializeState(snapshot);
        harness.open();
        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofHours(2)), Duration.ofDays(4), 2), T0);
        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofHours(5)), Duration.ofDays(3), 3), T0);
        predict(prediction(DEVICE, LEAK, T0.plus(Duration.ofHours(29)), Duration.ofDays(2), 4), T0);

        assertThat(harness.extractOutputValues()).extracting(r -> r.prediction() == null ? kind(r) : r.prediction().suppressedBy())
                .containsExactly(PredictedFailure.VISIT_IN_PROGRESS, PredictedFailure.SETTLING_AFTER_VISIT, null, "ticket", "reminder");
    }

    private void predict(PredictedFailure p, Instant episodeStart) throws Exception {
        harness.processElement1(new EpisodePrediction(p, episodeStart), p.detectedAt().toEpochMilli());
    }

    private void visit(MaintenanceType type, Phase phase, Instant at, String ticketId, String failureMode) throws Exception {
        harness.processElement2(new ServiceMessage(type, phase, at, ticketId, DEVICE, failureMode, null),
                at == null ? T0.toEpochMilli() : at.toEpochMilli());
    }

    private List<MaintenanceTicket> tickets() {
        return harness.extractOutputValues().stream().filter(r -> r.ticket() != null).map(ServiceRecord::ticket).toList();
    }

    static String kind(ServiceRecord r) {
        return r.prediction() != null ? "prediction" : r.ticket() != null ? "ticket" : r.reminder() != null ? "reminder" : "dead letter";
    }
}
