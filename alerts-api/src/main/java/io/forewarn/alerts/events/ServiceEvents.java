package io.forewarn.alerts.events;

/**
 * Vert.x event-bus addresses for service changes, so the parts of the API that react to them (live updates,
 * notifications, the device side of a repair) need not know who made the change. Payloads are JsonObjects with the
 * fields listed; every payload also carries {@code deviceId} and {@code customerId}, so a listener can apply tenancy
 * without a query.
 */
public final class ServiceEvents {
    /** A ticket was opened or changed state, assignment or priority: {@code ticketId, status, fromStatus, priority,
     * technicianId, actor, at}. Published by whoever changes it (the API), and by the change feed for tickets the
     * stream job opens. */
    public static final String TICKET_CHANGED = "forewarn.ticket.changed";
    /** A ticket reached RESOLVED: as {@link #TICKET_CHANGED} plus {@code outcome} and {@code failureMode}. */
    public static final String TICKET_RESOLVED = "forewarn.ticket.resolved";
    /** The stream job recorded a predicted failure: {@code predictionId, failureMode, estimatedFailureAt, confidence}. */
    public static final String PREDICTION_CREATED = "forewarn.prediction.created";
    /** A ticket missed an SLA target: {@code ticketId, clock} (FIRST_RESPONSE or RESOLUTION) {@code , dueAt, priority}. */
    public static final String SLA_BREACHED = "forewarn.sla.breached";
    /** A customer booked, moved or cancelled the visit of a ticket: {@code ticketId, status} (BOOKED or CANCELLED)
     * {@code , slot, technicianId, actor, at}. */
    public static final String BOOKING_CHANGED = "forewarn.booking.changed";
    /** A customer reminder changed delivery state: {@code reminderId, status, channel}. */
    public static final String REMINDER_CHANGED = "forewarn.reminder.changed";

    private ServiceEvents() {}
}
