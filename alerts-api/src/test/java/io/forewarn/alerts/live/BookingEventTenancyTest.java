package io.forewarn.alerts.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.events.ServiceEvents;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Who receives a {@code booking.changed} event on the live stream, and what a customer sees of it. */
class BookingEventTenancyTest {
    private static final LiveEvent BOOKED = new LiveEvent(1, LiveEvent.NAMES.get(ServiceEvents.BOOKING_CHANGED),
            new JsonObject().put("ticketId", "tk-1").put("status", "BOOKED").put("technicianId", "tech-tom")
                    .put("actor", "alice").put("deviceId", "dev-a1").put("customerId", "cust-alice"));

    @Test
    void theStreamRelaysBookingsAsBookingChanged() {
        assertThat(BOOKED.name()).isEqualTo(LiveEvent.BOOKING_CHANGED).isEqualTo("booking.changed");
    }

    @Test
    void plannersTheAssignedTechnicianAndTheCustomerSeeABookingNobodyElseDoes() {
        assertThat(BOOKED.visibleTo(new Caller("planner", Role.PLANNER, null, null))).isTrue();
        assertThat(BOOKED.visibleTo(new Caller("tom", Role.TECHNICIAN, null, "tech-tom"))).isTrue();
        assertThat(BOOKED.visibleTo(new Caller("alice", Role.CUSTOMER, "cust-alice", null))).isTrue();
        assertThat(BOOKED.visibleTo(new Caller("tina", Role.TECHNICIAN, null, "tech-tina"))).isFalse();
        assertThat(BOOKED.visibleTo(new Caller("bob", Role.CUSTOMER, "cust-bob", null))).isFalse();
    }
}
