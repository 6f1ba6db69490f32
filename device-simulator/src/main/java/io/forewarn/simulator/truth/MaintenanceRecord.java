package io.forewarn.simulator.truth;

import io.forewarn.contracts.service.MaintenanceType;
import java.time.Instant;
import java.util.Objects;

/**
 * A maintenance event in the ground truth: a repair or a preventive service of one device.
 *
 * @param at when it took effect (telemetry event time)
 * @param failureMode the fault it acted on, or null when the device had none under way (or it is unknown)
 * @param ticketId the service ticket it resolved, or null
 */
public record MaintenanceRecord(String deviceId, String productModel, MaintenanceType type, Instant at, String failureMode, String ticketId)
        implements TruthRow {

    public MaintenanceRecord {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }
}
