package io.forewarn.jobs.maintenance;

import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.jobs.DeviceState;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;

/**
 * A deciding operator's keyed state of its device's service visits ({@link MaintenanceWindow}): hears of visits,
 * brings them into effect as the device's event time reaches them, and says whether decisions are held back.
 * Counts {@code serviceVisitsDropped}.
 */
public final class ServiceVisitState {
    private final ValueState<MaintenanceWindow> windows;
    private final MaintenanceSettings settings;
    private final Counter dropped;

    /** What an operator does when a finished visit takes effect (forget a ticket, restart a plan's count). */
    @FunctionalInterface
    public interface FinishedVisit {
        void tookEffect(ServiceMessage visit, Instant at) throws Exception;
    }

    private ServiceVisitState(ValueState<MaintenanceWindow> windows, MaintenanceSettings settings, Counter dropped) {
        this.windows = windows;
        this.settings = settings;
        this.dropped = dropped;
    }

    /** Call from the operator's {@code open}. */
    public static ServiceVisitState open(RuntimeContext context, MaintenanceSettings settings) {
        return new ServiceVisitState(
                context.getState(DeviceState.forgottenWhenSilent(new ValueStateDescriptor<>("service-visits", MaintenanceWindow.class))),
                settings, context.getMetricGroup().counter("serviceVisitsDropped"));
    }

    /** Hears of a visit of the current device; see {@link MaintenanceWindow#hear}. */
    public void hear(ServiceMessage visit, Instant now) throws Exception {
        MaintenanceWindow window = windows.value();
        if (window == null) {
            window = new MaintenanceWindow();
        }
        if (!window.hear(visit, now)) {
            dropped.inc();
        }
        windows.update(window);
    }

    /**
     * Brings the current device's visits due by {@code t} into effect, handing each finished one to {@code onFinished},
     * and returns why decisions are held back at {@code t}, or null.
     */
    public String holdAt(Instant t, FinishedVisit onFinished) throws Exception {
        MaintenanceWindow window = windows.value();
        if (window == null) {
            return null;
        }
        List<MaintenanceWindow.Visit> tookEffect = window.advanceTo(t, settings.settleAfterVisit());
        for (MaintenanceWindow.Visit visit : tookEffect) {
            if (visit.message().finished()) {
                onFinished.tookEffect(visit.message(), visit.at());
            }
        }
        if (!tookEffect.isEmpty()) {
            windows.update(window); // only then: this runs for every reading of a device once it has had a visit
        }
        return window.holdAt(t, settings.openVisitLimit());
    }
}
