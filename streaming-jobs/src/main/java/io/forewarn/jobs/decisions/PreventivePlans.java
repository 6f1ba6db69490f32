package io.forewarn.jobs.decisions;

import io.forewarn.contracts.catalog.MaintenancePlan;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.Priority;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.DeviceState;
import io.forewarn.jobs.directory.DeviceDirectory;
import io.forewarn.jobs.directory.DeviceRecord;
import io.forewarn.jobs.maintenance.DeviceUsage;
import io.forewarn.jobs.maintenance.MaintenanceSettings;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: counts each device's use ({@link DeviceUsage}: runtime hours, cycles) against its product model's
 * maintenance plans, and each time a plan falls due (one more full interval since it was last carried out) opens a
 * {@link MaintenanceTicket#KIND_PREVENTIVE_PLAN} ticket of priority LOW with the plan's skill and actions, and queues
 * the customer's reminder in their language. Emits the ticket, then its reminder.
 *
 * <p>The second input is the device's service visits. A finished visit restarts the count of the plan it names, or
 * of the plan whose ticket it worked on; a preventive service naming no plan, failure mode or ticket restarts every
 * plan. While a visit is in progress and while the readings settle after it, nothing falls due: a plan due meanwhile
 * waits until then (and is not due at all if the visit carried it out).
 */
public class PreventivePlans extends VisitAwareDecisions<TelemetryMessage> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<DeviceUsage> usage;
    private transient Counter plansDue;

    public PreventivePlans(ProductCatalog catalog, DeviceDirectory directory, String bookingUrl, MaintenanceSettings maintenance) {
        super(catalog, directory, bookingUrl, maintenance);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        usage = getRuntimeContext().getState(DeviceState.forgottenWhenSilent(new ValueStateDescriptor<>("usage", DeviceUsage.class)));
        plansDue = getRuntimeContext().getMetricGroup().counter("preventivePlansDue");
    }

    @Override
    public void processElement1(TelemetryMessage reading, Context ctx, Collector<ServiceRecord> out) throws Exception {
        ProductModel model = catalog.model(reading.productModel()).orElse(null);
        if (model == null || model.maintenancePlans() == null || model.maintenancePlans().isEmpty()) {
            return;
        }
        DeviceUsage stored = usage.value();
        DeviceUsage device = stored == null ? new DeviceUsage() : stored;
        Instant now = reading.eventTime();
        String hold = visits.holdAt(now, (visit, at) -> restartPlans(visit, model, device, reading.deviceId()));
        device.observe(reading, model);
        if (hold == null) {
            for (MaintenancePlan plan : model.maintenancePlans()) {
                OptionalInt due = device.fallDue(plan);
                if (due.isPresent()) {
                    plansDue.inc();
                    emit(reading.deviceId(), model, plan, due.getAsInt(), device.sinceService(plan), now, out);
                }
            }
        }
        usage.update(device);
    }

    /** Hears of a visit; it takes effect at its time, or (none given) at the device's latest reading. */
    @Override
    public void processElement2(ServiceMessage visit, Context ctx, Collector<ServiceRecord> out) throws Exception {
        DeviceUsage device = usage.value();
        visits.hear(visit, device == null ? null : device.lastReadingAt());
    }

    private static void restartPlans(ServiceMessage visit, ProductModel model, DeviceUsage device, String deviceId) {
        boolean general = visit.type() == MaintenanceType.PREVENTIVE_SERVICE
                && visit.planId() == null && visit.failureMode() == null && visit.ticketId() == null;
        for (MaintenancePlan plan : model.maintenancePlans()) {
            if (general || plan.id().equals(visit.planId()) || isTicketOf(visit.ticketId(), deviceId, plan, device)) {
                device.serviced(plan.id());
            }
        }
    }

    private static boolean isTicketOf(String ticketId, String deviceId, MaintenancePlan plan, DeviceUsage device) {
        if (ticketId == null) {
            return false;
        }
        for (int due = device.dues(plan.id()); due > 0; due--) {
            if (ticketId(deviceId, plan.id(), due).equals(ticketId)) return true;
        }
        return false;
    }

    /** Deterministic per device, plan and the due's number, so a replay never opens a second ticket for one due. */
    static String ticketId(String deviceId, String planId, int due) {
        return DeterministicIds.of("ticket", deviceId, planId, "due", due);
    }

    private void emit(String deviceId, ProductModel model, MaintenancePlan plan, int due, double used, Instant at,
                      Collector<ServiceRecord> out) {
        Optional<DeviceRecord> device = directory.find(deviceId);
        // Planned work with no failure in sight: the lowest priority, and its first-response promise.
        Priority priority = Priority.LOW;
        MaintenanceTicket ticket = new MaintenanceTicket(MaintenanceTicket.SCHEMA_VERSION, ticketId(deviceId, plan.id(), due),
                MaintenanceTicket.KIND_PREVENTIVE_PLAN, deviceId, model.id(), plan.id(), null, priority, "OPEN", at,
                at.plus(priority.firstResponse()), null, TicketDecisions.serviceCharge(device, at), plan.requiredSkill(),
                plan.technicianActions(), summary(plan, used));
        out.collect(ServiceRecord.of(ticket));
        device.ifPresent(d -> out.collect(ServiceRecord.of(Reminders.forPlan(ticket, plan, model, d, used, bookingUrl))));
    }

    private static String summary(MaintenancePlan plan, double used) {
        boolean cycles = plan.intervalCycles() != null;
        return String.format("%s due: %d %s since it was last carried out (every %d)", plan.title().en(), Math.round(used),
                cycles ? "cycles" : "runtime hours", cycles ? plan.intervalCycles() : plan.intervalRuntimeHours());
    }
}
