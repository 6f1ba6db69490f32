package io.forewarn.jobs.decisions;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.Priority;
import io.forewarn.jobs.DeviceState;
import io.forewarn.jobs.directory.DeviceDirectory;
import io.forewarn.jobs.directory.DeviceRecord;
import io.forewarn.jobs.prediction.EpisodePrediction;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: turns predictions into maintenance tickets, one open ticket per device and failure mode,
 * escalated (same ticket, higher priority) when a later prediction is more urgent; each new ticket queues a
 * customer reminder in the owner's language and channel. Emits the prediction, then its ticket, then the reminder.
 */
public class TicketDecisions extends KeyedProcessFunction<String, EpisodePrediction, ServiceRecord> {
    private static final long serialVersionUID = 1L;

    private final ProductCatalog catalog;
    private final DeviceDirectory directory;
    private final String bookingUrl;
    private transient MapState<String, OpenTicket> openTickets;
    private transient Counter unregistered;

    public TicketDecisions(ProductCatalog catalog, DeviceDirectory directory, String bookingUrl) {
        this.catalog = catalog;
        this.directory = directory;
        this.bookingUrl = bookingUrl;
    }

    @Override
    public void open(OpenContext openContext) {
        directory.open();
        openTickets = getRuntimeContext().getMapState(DeviceState.forgottenWhenSilent(
                new MapStateDescriptor<>("open-tickets", String.class, OpenTicket.class)));
        unregistered = getRuntimeContext().getMetricGroup().counter("predictionsForUnregisteredDevices");
    }

    @Override
    public void close() {
        directory.close();
    }

    @Override
    public void processElement(EpisodePrediction episodePrediction, Context ctx, Collector<ServiceRecord> out) throws Exception {
        PredictedFailure prediction = episodePrediction.prediction();
        out.collect(ServiceRecord.of(prediction));
        OpenTicket known = openTickets.get(prediction.failureMode());
        // A new episode of the same mode (wear again after a repair) gets a new ticket; the same episode escalates.
        MaintenanceTicket open = known != null && known.episodeStart().equals(episodePrediction.episodeStart()) ? known.ticket() : null;
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
                ? newTicket(prediction, episodePrediction.episodeStart(), priority, model, mode, device)
                : escalate(open, prediction, priority);
        openTickets.put(prediction.failureMode(), new OpenTicket(ticket, episodePrediction.episodeStart()));
        out.collect(ServiceRecord.of(ticket));
        if (open == null && device.isPresent()) {
            out.collect(ServiceRecord.of(Reminders.forTicket(ticket, mode, model, device.get(), bookingUrl)));
        }
    }

    /** The ticket this task opened for a failure mode, and the episode it was opened for. */
    public record OpenTicket(MaintenanceTicket ticket, java.time.Instant episodeStart) {}

    private static MaintenanceTicket newTicket(PredictedFailure p, java.time.Instant episodeStart, Priority priority,
                                               ProductModel model, FailureMode mode, Optional<DeviceRecord> device) {
        boolean warranty = device.map(d -> d.underWarrantyOn(p.detectedAt().atZone(ZoneOffset.UTC).toLocalDate())).orElse(false);
        String id = DeterministicIds.of("ticket", p.deviceId(), p.failureMode(), episodeStart);
        return new MaintenanceTicket(MaintenanceTicket.SCHEMA_VERSION, id, MaintenanceTicket.KIND_PREDICTED_FAILURE,
                p.deviceId(), model.id(), mode.id(), p.predictionId(), priority, "OPEN", p.detectedAt(),
                p.detectedAt().plus(priority.firstResponse()), p.estimatedFailureAt(), warranty ? "FREE" : "PAID",
                mode.requiredSkill(), mode.technicianActions(), summary(p, mode));
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
