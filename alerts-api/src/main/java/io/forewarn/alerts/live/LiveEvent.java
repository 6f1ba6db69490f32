package io.forewarn.alerts.live;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.events.ServiceEvents;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One service event as the live stream sends it: its place in this server's sequence, its SSE event name and the
 * payload published on the event bus ({@link ServiceEvents}).
 */
public record LiveEvent(long sequence, String name, JsonObject payload) {
    public static final String PREDICTION_CREATED = "prediction.created";
    public static final String TICKET_CHANGED = "ticket.changed";
    public static final String SLA_BREACHED = "sla.breached";
    public static final String BOOKING_CHANGED = "booking.changed";

    /** The event-bus addresses the stream relays, and the event name each gets on the stream. */
    static final Map<String, String> NAMES = Map.of(
            ServiceEvents.PREDICTION_CREATED, PREDICTION_CREATED,
            ServiceEvents.TICKET_CHANGED, TICKET_CHANGED,
            ServiceEvents.SLA_BREACHED, SLA_BREACHED,
            ServiceEvents.BOOKING_CHANGED, BOOKING_CHANGED);

    /**
     * Tenancy, as for the REST resources: planners and admins get every event; a customer only the events of their
     * own devices; a technician the changes, bookings and breaches of tickets assigned to them (a prediction reaches
     * them as the ticket it opens, once assigned).
     */
    public boolean visibleTo(Caller caller) {
        return switch (caller.role()) {
            case ADMIN, PLANNER -> true;
            case CUSTOMER -> caller.customerId().equals(payload.getString("customerId"));
            case TECHNICIAN -> switch (name) {
                case TICKET_CHANGED, BOOKING_CHANGED -> caller.technicianId().equals(payload.getString("technicianId"));
                case SLA_BREACHED -> caller.technicianId().equals(payload.getString("assignedTechnician"));
                default -> false;
            };
        };
    }

    /** The payload as {@code caller} receives it: customers do not see who on the staff made a change. */
    public JsonObject payloadFor(Caller caller) {
        if (caller.role() != Role.CUSTOMER || !payload.containsKey("actor")) {
            return payload;
        }
        JsonObject copy = payload.copy();
        copy.remove("actor");
        return copy;
    }
}
