package io.forewarn.jobs.decisions;

import io.forewarn.contracts.service.CustomerReminder;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.ingest.validation.DeadLetter;

/**
 * One row-to-be of the service records, exactly one field set. The decisions emit a prediction, its ticket and the
 * ticket's reminder as one ordered stream, so the sink writes them in the order their references need.
 */
public record ServiceRecord(PredictedFailure prediction, MaintenanceTicket ticket, CustomerReminder reminder, DeadLetter deadLetter) {

    public static ServiceRecord of(PredictedFailure prediction) {
        return new ServiceRecord(prediction, null, null, null);
    }

    public static ServiceRecord of(MaintenanceTicket ticket) {
        return new ServiceRecord(null, ticket, null, null);
    }

    public static ServiceRecord of(CustomerReminder reminder) {
        return new ServiceRecord(null, null, reminder, null);
    }

    public static ServiceRecord of(DeadLetter deadLetter) {
        return new ServiceRecord(null, null, null, deadLetter);
    }
}
