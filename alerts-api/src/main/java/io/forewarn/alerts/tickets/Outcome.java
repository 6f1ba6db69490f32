package io.forewarn.alerts.tickets;

/** What the technician found when resolving a ticket; NO_FAULT_FOUND on a predicted failure is a false alarm. */
public enum Outcome {
    FAILURE_CONFIRMED, NO_FAULT_FOUND, PART_REPLACED, PREVENTIVE_SERVICE_DONE;

    /** Whether the prediction behind the ticket was right (feeds the lead-time KPI and model evaluation). */
    public boolean confirmsFailure() {
        return this == FAILURE_CONFIRMED || this == PART_REPLACED;
    }
}
