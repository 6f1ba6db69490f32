package io.forewarn.jobs.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.MaintenancePlan;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.CustomerReminder;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.Priority;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.contracts.service.ServiceMessage.Phase;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.decisions.TicketDecisionsTest.InMemoryDirectory;
import io.forewarn.jobs.directory.DeviceRecord;
import io.forewarn.jobs.maintenance.MaintenanceSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage-based preventive maintenance per device: runtime hours and cycles counted against the catalog's plans, one
 * LOW ticket and one reminder when a plan falls due, restarted by the service that carries it out, and held while
 * the device is being serviced. The air conditioner's filter plan is due every 500 runtime hours: 6,000 readings
 * of 5 minutes in its running mode.
 */
class PreventivePlansTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final ProductModel AC = CATALOG.require("AC-INV-12K");
    static final ProductModel WM = CATALOG.require("WM-FL-9KG");
    static final MaintenancePlan FILTER = plan(AC, "ac_filter_service");
    static final MaintenancePlan DRUM = plan(WM, "wm_drum_clean");
    static final int FILTER_READINGS = FILTER.intervalRuntimeHours() * 3600 / AC.sampleIntervalSeconds();
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final String BOOKING = "https://service.example/book";
    static final MaintenanceSettings MAINTENANCE = new MaintenanceSettings(null, Duration.ofHours(24), Duration.ofDays(3));

    static final DeviceRecord AC_OWNER = new DeviceRecord("ac-zh", AC.id(), "cust-zh", "zh", "SMS", "east", LocalDate.parse("2027-12-31"));
    static final DeviceRecord WM_OWNER = new DeviceRecord("wm-en", WM.id(), "cust-en", "en", "EMAIL", "north", LocalDate.parse("2026-01-31"));

    private KeyedTwoInputStreamOperatorTestHarness<String, TelemetryMessage, ServiceMessage, ServiceRecord> harness;
    private final Map<String, Long> seqs = new HashMap<>();

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
    void whenThePlanFallsDueExactlyOneLowTicketWithThePlansWorkAndOneReminderInTheOwnersLanguageAreEmitted() throws Exception {
        run("ac-zh", AC, "running", FILTER_READINGS - 1);
        assertThat(harness.extractOutputValues()).as("499 h 55 min: not yet").isEmpty();

        Instant due = run("ac-zh", AC, "running", 1);
        run("ac-zh", AC, "running", 500);

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        MaintenanceTicket ticket = out.get(0).ticket();
        assertThat(ticket.ticketId()).isEqualTo(DeterministicIds.of("ticket", "ac-zh", FILTER.id(), "due", 1));
        assertThat(ticket.kind()).isEqualTo(MaintenanceTicket.KIND_PREVENTIVE_PLAN);
        assertThat(ticket.failureMode()).as("the plan, in the ticket's failure-mode slot").isEqualTo(FILTER.id());
        assertThat(ticket.predictionId()).isNull();
        assertThat(ticket.predictedFailureAt()).isNull();
        assertThat(ticket.priority()).isEqualTo(Priority.LOW);
        assertThat(ticket.status()).isEqualTo("OPEN");
        assertThat(ticket.openedAt()).isEqualTo(due);
        assertThat(ticket.firstResponseDue()).isEqualTo(due.plus(Priority.LOW.firstResponse()));
        assertThat(ticket.serviceCharge()).isEqualTo("FREE");
        assertThat(ticket.requiredSkill()).isEqualTo(FILTER.requiredSkill());
        assertThat(ticket.technicianActions()).isEqualTo(FILTER.technicianActions());
        assertThat(ticket.summary()).contains(FILTER.title().en()).contains("500 runtime hours");

        CustomerReminder reminder = out.get(1).reminder();
        assertThat(reminder.ticketId()).isEqualTo(ticket.ticketId());
        assertThat(reminder.customerId()).isEqualTo("cust-zh");
        assertThat(reminder.language()).isEqualTo("zh");
        assertThat(reminder.channel()).isEqualTo("SMS");
        assertThat(reminder.createdAt()).isEqualTo(due);
        assertThat(reminder.title()).contains(AC.name().zh()).contains(FILTER.title().zh());
        assertThat(reminder.whatWeFound()).contains("500 小时");
        assertThat(reminder.whatToDo()).isEqualTo(FILTER.customerAdvice().zh());
        assertThat(reminder.howToBook()).contains(BOOKING + "?ticket=" + ticket.ticketId()).contains("免费");
    }

    @Test
    void onlyReadingsInTheMonitoredModeOrNamingNoModeCountAsRuntime() throws Exception {
        run("ac-zh", AC, "idle", FILTER_READINGS);
        run("ac-zh", AC, "off", FILTER_READINGS);
        run("ac-zh", AC, "defrost", 100);
        run("ac-zh", AC, null, FILTER_READINGS / 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        Instant due = run("ac-zh", AC, "running", FILTER_READINGS / 2);

        assertThat(tickets()).singleElement().satisfies(t -> assertThat(t.openedAt()).isEqualTo(due));
    }

    @Test
    void withoutAServiceThePlanFallsDueAgainAfterAnotherFullInterval_underANewTicket() throws Exception {
        run("ac-zh", AC, "running", 2 * FILTER_READINGS + 10);

        assertThat(tickets()).extracting(MaintenanceTicket::ticketId).containsExactly(
                DeterministicIds.of("ticket", "ac-zh", FILTER.id(), "due", 1),
                DeterministicIds.of("ticket", "ac-zh", FILTER.id(), "due", 2));
    }

    @Test
    void aPreventiveServiceOfThePlanRestartsItsCount_andLeavesTheOtherPlanCounting() throws Exception {
        Instant serviced = run("ac-zh", AC, "running", FILTER_READINGS / 2);
        preventiveService("ac-zh", Phase.FINISHED, serviced, FILTER.id());

        run("ac-zh", AC, "running", FILTER_READINGS - 1);
        assertThat(tickets()).as("500 h since the start, but not since the service").isEmpty();
        Instant due = run("ac-zh", AC, "running", 1);

        assertThat(tickets()).singleElement().satisfies(t -> {
            assertThat(t.openedAt()).isEqualTo(due);
            assertThat(t.ticketId()).isEqualTo(DeterministicIds.of("ticket", "ac-zh", FILTER.id(), "due", 1));
        });
        // The annual plan (2,000 h) still counts from the first reading.
        Instant annual = run("ac-zh", AC, "running", 4 * FILTER_READINGS - FILTER_READINGS / 2 - FILTER_READINGS);
        assertThat(tickets()).filteredOn(t -> t.failureMode().equals("ac_annual_service")).singleElement()
                .satisfies(t -> assertThat(t.openedAt()).isEqualTo(annual).isEqualTo(T0.plus(Duration.ofHours(2000)).minusSeconds(300)));
    }

    @Test
    void aVisitResolvingThePlansTicketRestartsThatPlan() throws Exception {
        run("ac-zh", AC, "running", FILTER_READINGS);
        MaintenanceTicket first = tickets().get(0);
        Instant resolved = run("ac-zh", AC, "running", 10);
        repair("ac-zh", Phase.FINISHED, resolved, first.ticketId(), null);

        run("ac-zh", AC, "running", FILTER_READINGS - 1);

        assertThat(tickets()).as("the next one a full interval after the visit").hasSize(1);
        run("ac-zh", AC, "running", 1);
        assertThat(tickets()).hasSize(2);
        assertThat(tickets().get(1).ticketId()).isEqualTo(DeterministicIds.of("ticket", "ac-zh", FILTER.id(), "due", 2));
    }

    @Test
    void nothingFallsDueDuringAVisitOrWhileTheReadingsSettle_aPlanDueMeanwhileWaitsUntilThen() throws Exception {
        Instant started = run("ac-zh", AC, "running", FILTER_READINGS - 10);
        repair("ac-zh", Phase.STARTED, started, null, null);
        Instant finished = run("ac-zh", AC, "running", 20);
        repair("ac-zh", Phase.FINISHED, finished, null, "refrigerant_leak");
        int settling = (int) (MAINTENANCE.settleAfterVisit().toSeconds() / AC.sampleIntervalSeconds());

        run("ac-zh", AC, "running", settling - 1);
        assertThat(tickets()).isEmpty();
        Instant settled = run("ac-zh", AC, "running", 1);

        assertThat(tickets()).singleElement().satisfies(t -> assertThat(t.openedAt()).isEqualTo(settled));
        assertThat(settled).isEqualTo(finished.plus(MAINTENANCE.settleAfterVisit()));
    }

    @Test
    void aPlanCarriedOutDuringTheVisitIsNotDueAfterIt() throws Exception {
        Instant started = run("ac-zh", AC, "running", FILTER_READINGS - 10);
        preventiveService("ac-zh", Phase.STARTED, started, FILTER.id());
        Instant finished = run("ac-zh", AC, "running", 20);
        preventiveService("ac-zh", Phase.FINISHED, finished, FILTER.id());

        run("ac-zh", AC, "running", FILTER_READINGS - 1);

        assertThat(tickets()).isEmpty();
    }

    @Test
    void aWashingMachineCountsAWashFollowedByASpinAsOneCycle_dueAfterThePlansCycles() throws Exception {
        washingProgramme("wm-en", 50); // a long spin is still one cycle
        for (int cycle = 2; cycle < DRUM.intervalCycles(); cycle++) {
            washingProgramme("wm-en", 5);
        }
        run("wm-en", WM, null, 5); // readings without a mode count no cycles
        assertThat(tickets()).isEmpty();

        washingProgramme("wm-en", 5);

        List<ServiceRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).ticket().failureMode()).isEqualTo(DRUM.id());
        assertThat(out.get(0).ticket().serviceCharge()).as("out of warranty").isEqualTo("PAID");
        assertThat(out.get(0).ticket().summary()).contains("200 cycles");
        assertThat(out.get(1).reminder().language()).isEqualTo("en");
        assertThat(out.get(1).reminder().whatWeFound()).contains("completed 200 cycles");
        assertThat(out.get(1).reminder().whatToDo()).isEqualTo(DRUM.customerAdvice().en());
    }

    @Test
    void anUnregisteredDeviceGetsItsTicketButNoReminder() throws Exception {
        run("ac-unknown", AC, "running", FILTER_READINGS);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.ticket().deviceId()).isEqualTo("ac-unknown");
            assertThat(r.ticket().serviceCharge()).isEqualTo("PAID");
        });
    }

    @Test
    void theUsageCountIsKeptAcrossASnapshotAndRestore() throws Exception {
        run("ac-zh", AC, "running", FILTER_READINGS / 2);
        OperatorSubtaskState snapshot = harness.snapshot(1L, T0.toEpochMilli());
        harness.close();

        harness = harness();
        harness.initializeState(snapshot);
        harness.open();
        run("ac-zh", AC, "running", FILTER_READINGS / 2 - 1);
        assertThat(tickets()).isEmpty();
        run("ac-zh", AC, "running", 1);

        assertThat(tickets()).hasSize(1);
    }

    /** A programme: off, washing, spinning, off again. */
    private void washingProgramme(String deviceId, int spinReadings) throws Exception {
        run(deviceId, WM, "off", 2);
        run(deviceId, WM, "wash", 10);
        run(deviceId, WM, "spin", spinReadings);
        run(deviceId, WM, "off", 2);
    }

    /** Feeds {@code count} consecutive readings of a device in {@code mode}; returns the last one's time. */
    private Instant run(String deviceId, ProductModel model, String mode, int count) throws Exception {
        Instant last = null;
        for (int i = 0; i < count; i++) {
            long seq = seqs.merge(deviceId, 1L, Long::sum);
            last = T0.plusSeconds((seq - 1) * model.sampleIntervalSeconds());
            harness.processElement1(new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, deviceId, model.id(), last, seq, mode, Map.of()),
                    last.toEpochMilli());
        }
        return last;
    }

    private void repair(String deviceId, Phase phase, Instant at, String ticketId, String failureMode) throws Exception {
        harness.processElement2(new ServiceMessage(MaintenanceType.REPAIR, phase, at, ticketId, deviceId, failureMode, null),
                at.toEpochMilli());
    }

    private void preventiveService(String deviceId, Phase phase, Instant at, String planId) throws Exception {
        harness.processElement2(new ServiceMessage(MaintenanceType.PREVENTIVE_SERVICE, phase, at, null, deviceId, null, planId),
                at.toEpochMilli());
    }

    private List<MaintenanceTicket> tickets() {
        return harness.extractOutputValues().stream().filter(r -> r.ticket() != null).map(ServiceRecord::ticket).toList();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, TelemetryMessage, ServiceMessage, ServiceRecord> harness() throws Exception {
        InMemoryDirectory directory = new InMemoryDirectory(Map.of(AC_OWNER.deviceId(), AC_OWNER, WM_OWNER.deviceId(), WM_OWNER));
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new PreventivePlans(CATALOG, directory, BOOKING, MAINTENANCE)),
                TelemetryMessage::deviceId, ServiceMessage::deviceId, Types.STRING);
    }

    private static MaintenancePlan plan(ProductModel model, String id) {
        return model.maintenancePlans().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
