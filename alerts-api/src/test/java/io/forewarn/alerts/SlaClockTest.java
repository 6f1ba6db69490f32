package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.tickets.SlaClock;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlaClockTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final SlaClock sla = new SlaClock(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void openTicketCountsDownToItsDueTime() {
        JsonObject state = sla.state(NOW.plusSeconds(90), null, "OPEN");

        assertThat(state.getLong("remainingSeconds")).isEqualTo(90);
        assertThat(state.getBoolean("breached")).isFalse();
    }

    @Test
    void openTicketPastItsDueTimeIsBreachedWithNothingRemaining() {
        JsonObject state = sla.state(NOW.minusSeconds(1), null, "OPEN");

        assertThat(state.getLong("remainingSeconds")).isZero();
        assertThat(state.getBoolean("breached")).isTrue();
    }

    @Test
    void responseAfterTheDueTimeStaysBreachedForever() {
        JsonObject state = sla.state(NOW.minusSeconds(3600), NOW.minusSeconds(60), "ASSIGNED");

        assertThat(state.getBoolean("breached")).isTrue();
        assertThat(state.getValue("remainingSeconds")).isNull();
    }

    @Test
    void responseInTimeStopsTheClockEvenAfterTheDueTimePasses() {
        JsonObject state = sla.state(NOW.minusSeconds(60), NOW.minusSeconds(3600), "IN_PROGRESS");

        assertThat(state.getBoolean("breached")).isFalse();
        assertThat(state.getString("respondedAt")).isEqualTo(NOW.minusSeconds(3600).toString());
    }
}
