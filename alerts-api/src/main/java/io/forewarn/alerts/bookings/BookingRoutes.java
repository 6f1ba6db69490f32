package io.forewarn.alerts.bookings;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.events.ServiceEvents;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/v1/tickets/{ticketId}/booking}: the visit a customer books for their ticket. Everyone who may see the
 * ticket reads the offered slots and the booking; only the device's customer books, moves and cancels it.
 */
public final class BookingRoutes {
    private final Database database;
    private final Clock clock;
    private final EventBus bus;

    public BookingRoutes(Database database, Clock clock, EventBus bus) {
        this.database = database;
        this.clock = clock;
        this.bus = bus;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listBookingSlots").addHandler(this::slots);
        builder.getRoute("getTicketBooking").addHandler(this::get);
        builder.getRoute("bookVisit").addHandler(this::book);
        builder.getRoute("cancelBooking").addHandler(this::cancel);
    }

    private void slots(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String ticketId = RequestParams.of(rc).path("ticketId");
        Instant now = clock.instant();
        database.query(c -> BookingQueries.slots(c, caller, ticketId, now))
                .onSuccess(slots -> Responses.ok(rc, slots))
                .onFailure(rc::fail);
    }

    private void get(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String ticketId = RequestParams.of(rc).path("ticketId");
        database.query(c -> BookingQueries.get(c, caller, ticketId))
                .onSuccess(booking -> booking.ifPresentOrElse(
                        b -> Responses.ok(rc, b),
                        () -> rc.fail(ApiProblem.notFound("ticket " + ticketId + " has no booked visit"))))
                .onFailure(rc::fail);
    }

    private void book(RoutingContext rc) {
        Caller caller = requireCustomer(Caller.of(rc));
        RequestParams params = RequestParams.of(rc);
        String ticketId = params.path("ticketId");
        Instant slotStart = instant(params.body().getString("slotStart"));
        Instant now = clock.instant();
        database.query(c -> BookingQueries.book(c, caller, ticketId, slotStart, now))
                .onSuccess(change -> {
                    announce(change, caller, now);
                    Responses.json(rc, change.created() ? 201 : 200, change.booking());
                })
                .onFailure(rc::fail);
    }

    private void cancel(RoutingContext rc) {
        Caller caller = requireCustomer(Caller.of(rc));
        String ticketId = RequestParams.of(rc).path("ticketId");
        Instant now = clock.instant();
        database.query(c -> BookingQueries.cancel(c, caller, ticketId, now))
                .onSuccess(change -> {
                    announce(change, caller, now);
                    Responses.ok(rc, change.booking());
                })
                .onFailure(rc::fail);
    }

    /** {@link ServiceEvents#BOOKING_CHANGED}, once the change is committed; a repeated request announces nothing. */
    private void announce(BookingQueries.Change change, Caller caller, Instant at) {
        if (!change.changed()) {
            return;
        }
        JsonObject booking = change.booking();
        bus.publish(ServiceEvents.BOOKING_CHANGED, new JsonObject()
                .put("ticketId", booking.getString("ticketId"))
                .put("status", booking.getString("status"))
                .put("slot", booking.getJsonObject("slot"))
                .put("technicianId", booking.getString("technicianId"))
                .put("actor", caller.username())
                .put("at", at.toString())
                .put("deviceId", booking.getString("deviceId"))
                .put("customerId", booking.getString("customerId")));
    }

    /** Staff and technicians read bookings but the visit is the customer's to choose. */
    private static Caller requireCustomer(Caller caller) {
        if (caller.role() != Role.CUSTOMER) {
            throw ApiProblem.forbidden("only the customer of the device books, moves or cancels its visit");
        }
        return caller;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("slotStart must be the start of an offered slot as an RFC 3339 instant, was '"
                    + value + "'");
        }
    }
}
