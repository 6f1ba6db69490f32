package io.forewarn.jobs.decisions;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.jobs.directory.DeviceDirectory;
import io.forewarn.jobs.maintenance.MaintenanceSettings;
import io.forewarn.jobs.maintenance.ServiceVisitState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;

/**
 * Keyed by device: what the decisions that open tickets share. The product catalog, the device directory (opened and
 * closed with the task), the booking link for reminders, and the device's service visits on the second input, kept
 * in {@link #visits} as {@link MaintenanceSettings} say.
 *
 * @param <IN> what the decision is made on
 */
abstract class VisitAwareDecisions<IN> extends KeyedCoProcessFunction<String, IN, ServiceMessage, ServiceRecord> {
    private static final long serialVersionUID = 1L;

    final ProductCatalog catalog;
    final DeviceDirectory directory;
    final String bookingUrl;
    private final MaintenanceSettings maintenance;
    transient ServiceVisitState visits;

    VisitAwareDecisions(ProductCatalog catalog, DeviceDirectory directory, String bookingUrl, MaintenanceSettings maintenance) {
        this.catalog = catalog;
        this.directory = directory;
        this.bookingUrl = bookingUrl;
        this.maintenance = maintenance;
    }

    /** Subclasses open their own state after this. */
    @Override
    public void open(OpenContext openContext) throws Exception {
        directory.open();
        visits = ServiceVisitState.open(getRuntimeContext(), maintenance);
    }

    @Override
    public void close() throws Exception {
        directory.close();
    }
}
