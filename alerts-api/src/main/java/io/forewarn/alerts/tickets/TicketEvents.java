package io.forewarn.alerts.tickets;

import io.forewarn.alerts.events.ServiceEvents;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** Announces committed ticket changes on the event bus ({@link ServiceEvents}), for live updates and notifications. */
public final class TicketEvents {
    private final EventBus bus;

    public TicketEvents(EventBus bus) {
        this.bus = bus;
    }

    /** {@link ServiceEvents#TICKET_CHANGED} for every change, and {@link ServiceEvents#TICKET_RESOLVED} on resolution. */
    public void publish(TicketWorkflow.Change change) {
        JsonObject ticket = change.ticket();
        JsonObject changed = new JsonObject()
                .put("ticketId", ticket.getString("ticketId"))
                .put("status", ticket.getString("status"))
                .put("fromStatus", change.fromStatus())
                .put("priority", ticket.getString("priority"))
                .put("technicianId", ticket.getString("assignedTechnician"))
                .put("actor", change.actor())
                .put("at", change.at().toString())
                .put("version", ticket.getInteger("version"))
                .put("deviceId", ticket.getString("deviceId"))
                .put("customerId", ticket.getString("customerId"));
        bus.publish(ServiceEvents.TICKET_CHANGED, changed);
        if (TicketStatus.RESOLVED.name().equals(ticket.getString("status"))) {
            bus.publish(ServiceEvents.TICKET_RESOLVED, changed.copy()
                    .put("outcome", ticket.getString("outcome"))
                    .put("outcomePart", ticket.getString("outcomePart"))
                    .put("failureMode", ticket.getString("failureMode"))
                    .put("productModel", ticket.getString("productModel")));
        }
    }
}
