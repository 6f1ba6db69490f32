package io.forewarn.contracts.service;

import java.time.Instant;
import java.util.List;

/**
 * A preventive-maintenance work item, one per device and failure mode while it is open.
 * See docs/contracts/maintenance-ticket.md.
 *
 * @param ticketId deterministic from device, failure mode and episode, so replays never open a second ticket
 * @param kind PREDICTED_FAILURE for a model prediction, PREVENTIVE_PLAN for a due service from the catalog
 * @param firstResponseDue openedAt plus the priority's first-response promise
 * @param serviceCharge FREE while under warranty, otherwise PAID
 */
public record MaintenanceTicket(
        int schemaVersion,
        String ticketId,
        String kind,
        String deviceId,
        String productModel,
        String failureMode,
        String predictionId,
        Priority priority,
        String status,
        Instant openedAt,
        Instant firstResponseDue,
        Instant predictedFailureAt,
        String serviceCharge,
        String requiredSkill,
        List<String> technicianActions,
        String summary) {

    public static final int SCHEMA_VERSION = 1;
    public static final String KIND_PREDICTED_FAILURE = "PREDICTED_FAILURE";
    public static final String KIND_PREVENTIVE_PLAN = "PREVENTIVE_PLAN";
}
