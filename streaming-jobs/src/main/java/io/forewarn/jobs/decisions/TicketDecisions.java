package io.forewarn.jobs.decisions;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.Priority;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.jobs.DeviceState;
import io.forewarn.jobs.directory.DeviceDirectory;
import io.forewarn.jobs.directory.DeviceRecord;
import io.forewarn.jobs.maintenance.MaintenanceSettings;
import io.forewarn.jobs.prediction.EpisodePrediction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: turns predictions into maintenance tickets, one open ticket per device and failure mode,
 * escalated (same ticket, higher priority) when a later prediction is more urgent; each new ticket queues a
 * customer reminder in the owner's language and channel. Emits the prediction, then its ticket, then the reminder.
 *
 * <p>The second input is the device's service visits. While a visit is in progress, and while the readings settle
 * after one ({@link MaintenanceSettings#settleAfterVisit()}), a prediction is recorded marked
 * {@link PredictedFailure#suppressedBy() suppressed} and opens, escalates and reminds nothing (metric
 * {@code predictionsSuppressedByMaintenance}). A finished visit that repaired a failure mode (named by the visit, or
 * by the ticket it worked on) closes this task's memory of that mode's ticket; a prediction of the degradation episode
 * that was under way at the repair then counts as a new one, starting at the repair, and gets a new ticket.
 */
public class TicketDecisions extends VisitAwareDecisions<EpisodePrediction> {
    private static final long serialVersionUID = 1L;

    private transient MapState<String, OpenTicket> openTickets;
    private transient MapState<String, Instant> lastRepairs;
    private transient Counter unregistered;
    private transient Counter suppressed;

    public TicketDecisions(ProductCatalog catalog, DeviceDirectory directory, String bookingUrl, MaintenanceSettings maintenance) {
        super(catalog, directory, bookingUrl, maintenance);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        openTickets = getRuntimeContext().getMapState(DeviceState.forgottenWhenSilent(
                new MapStateDescriptor<>("open-tickets", String.class, OpenTicket.class)));
        lastRepairs = getRuntimeContext().getMapState(DeviceState.forgottenWhenSilent(
                new MapStateDescriptor<>("last-repairs", String.class, Instant.class)));
        unregistered = getRuntimeContext().getMetricGroup().counter("predictionsForUnregisteredDevices");
        suppressed = getRuntimeContext().getMetricGroup().counter("predictionsSuppressedByMaintenance");
    }

    @Override
    public void processElement1(EpisodePrediction episodePrediction, Context ctx, Collector<ServiceRecord> out) throws Exception {
        PredictedFailure prediction = episodePrediction.prediction();
        String hold = visits.holdAt(prediction.detectedAt(), this::forgetRepairedTickets);
        if (hold != null) {
            suppressed.inc();
            out.collect(ServiceRecord.of(prediction.suppressed(hold)));
            return;
        }
        out.collect(ServiceRecord.of(prediction));
        Instant episode = episodeStart(prediction.failureMode(), episodePrediction.episodeStart());
        OpenTicket known = openTickets.get(prediction.failureMode());
        // A new episode of the same mode (wear again after a repair) gets a new ticket; the same episode escalates.
        MaintenanceTicket open = known != null && known.episodeStart().equals(episode) ? known.ticket() : null;
        Priority priority = Priority.forTimeToFailure(Duration.between(prediction.detectedAt(), prediction.estimatedFailureAt()));
        if (open != null && priority.compareTo(open.priority()) >= 0) {
            return; // the open ticket already covers this
        }
        Optional<DeviceRecord> device = directory.find(prediction.deviceId());
        if (device.isEmpty()) {
            unregistered.inc();
        }
        ProductModel model = catalog.require(prediction.productModel());
        FailureMode mode = model.failureMode(prediction.failureMode()).orElseThrow();
        MaintenanceTicket ticket = open == null
                ? newTicket(prediction, episode, priority, model, mode, device)
                : escalate(open, prediction, priority);
        openTickets.put(prediction.failureMode(), new OpenTicket(ticket, episode));
        out.collect(ServiceRecord.of(ticket));
        if (open == null && device.isPresent()) {
            out.collect(ServiceRecord.of(Reminders.forTicket(ticket, mode, model, device.get(), bookingUrl)));
        }
    }

    /** Hears of a visit; it takes effect at its time, or (none given) at the job's event time now. */
    @Override
    public void processElement2(ServiceMessage visit, Context ctx, Collector<ServiceRecord> out) throws Exception {
        // No event time yet, or none because the telemetry is idle (the visits' own watermark then shows through):
        // the visit takes effect at the device's next prediction.
        long watermark = ctx.timerService().currentWatermark();
        boolean known = watermark != Long.MIN_VALUE && watermark != Long.MAX_VALUE;
        visits.hear(visit, known ? Instant.ofEpochMilli(watermark) : null);
    }

    /**
     * The modes a finished visit fixed: the one it names, or the one whose ticket it worked on, or (a repair that
     * names neither) every mode. A preventive service that names neither, and a visit on another ticket (a
     * preventive plan's), fixed no predicted failure.
     */
    private void forgetRepairedTickets(ServiceMessage visit, Instant at) throws Exception {
        List<String> fixed = new ArrayList<>();
        if (visit.failureMode() != null) {
            fixed.add(visit.failureMode());
        } else {
            for (Map.Entry<String, OpenTicket> e : openTickets.entries()) {
                if (e.getValue().ticket().ticketId().equals(visit.ticketId())) fixed.add(e.getKey());
            }
            if (visit.ticketId() == null && visit.type() == MaintenanceType.REPAIR) {
                openTickets.keys().forEach(fixed::add);
            }
        }
        for (String mode : fixed) {
            openTickets.remove(mode);
            lastRepairs.put(mode, at);
        }
    }

    /** The episode a prediction counts in: its own, or, when that began before the mode's last repair, one starting then. */
    private Instant episodeStart(String mode, Instant predicted) throws Exception {
        Instant repaired = lastRepairs.get(mode);
        return repaired != null && predicted.isBefore(repaired) ? repaired : predicted;
    }

    /** The ticket this task opened for a failure mode, and the episode it was opened for. */
    public record OpenTicket(MaintenanceTicket ticket, Instant episodeStart) {}

    private static MaintenanceTicket newTicket(PredictedFailure p, Instant episodeStart, Priority priority,
                                               ProductModel model, FailureMode mode, Optional<DeviceRecord> device) {
        String id = DeterministicIds.of("ticket", p.deviceId(), p.failureMode(), episodeStart);
        return new MaintenanceTicket(MaintenanceTicket.SCHEMA_VERSION, id, MaintenanceTicket.KIND_PREDICTED_FAILURE,
                p.deviceId(), model.id(), mode.id(), p.predictionId(), priority, "OPEN", p.detectedAt(),
                p.detectedAt().plus(priority.firstResponse()), p.estimatedFailureAt(), serviceCharge(device, p.detectedAt()),
                mode.requiredSkill(), mode.technicianActions(), summary(p, mode));
    }

    /** FREE while the device's warranty runs on the day of {@code at}; PAID otherwise, and for unknown devices. */
    static String serviceCharge(Optional<DeviceRecord> device, Instant at) {
        return device.map(d -> d.underWarrantyOn(at.atZone(ZoneOffset.UTC).toLocalDate())).orElse(false) ? "FREE" : "PAID";
    }

    private static MaintenanceTicket escalate(MaintenanceTicket open, PredictedFailure p, Priority priority) {
        return new MaintenanceTicket(open.schemaVersion(), open.ticketId(), open.kind(), open.deviceId(), open.productModel(),
                open.failureMode(), p.predictionId(), priority, open.status(), open.openedAt(),
                p.detectedAt().plus(priority.firstResponse()), p.estimatedFailureAt(), open.serviceCharge(),
                open.requiredSkill(), open.technicianActions(), open.summary());
    }

    private static String summary(PredictedFailure p, FailureMode mode) {
        long hours = Duration.between(p.detectedAt(), p.estimatedFailureAt()).toHours();
        return String.format("%s predicted in about %d h (confidence %.0f%%); strongest evidence: %s",
                mode.name().en(), hours, p.confidence() * 100,
                p.evidence().isEmpty() ? "none" : p.evidence().get(0).feature());
    }
}
