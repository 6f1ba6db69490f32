package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.tickets.SlaClock;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlaClockTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant FAR = NOW.plus(Duration.ofDays(30));
    private final SlaClock sla = new SlaClock(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void openTicketCountsDownToItsDueTime() {
        JsonObject state = sla.state(open(NOW.minusSeconds(270), NOW.plusSeconds(90)));

        assertThat(state.getLong("remainingSeconds")).isEqualTo(90);
        assertThat(state.getBoolean("breached")).isFalse();
    }

    @Test
    void openTicketPastItsDueTimeIsBreachedWithNothingRemaining() {
        JsonObject state = sla.state(open(NOW.minusSeconds(3600), NOW.minusSeconds(1)));

        assertThat(state.getLong("remainingSeconds")).isZero();
        assertThat(state.getBoolean("breached")).isTrue();
        assertThat(state.getString("state")).isEqualTo("BREACHED");
    }

    @Test
    void responseAfterTheDueTimeStaysBreachedForever() {
        JsonObject state = sla.state(new SlaClock.Times("ASSIGNED", NOW.minusSeconds(7200), NOW.minusSeconds(3600),
                NOW.minusSeconds(60), false, FAR, null, null));

        assertThat(state.getBoolean("breached")).isTrue();
        assertThat(state.getValue("remainingSeconds")).isNull();
        assertThat(state.getJsonObject("firstResponse").getString("state")).isEqualTo("MISSED");
        assertThat(state.getString("state")).isEqualTo("BREACHED");
    }

    @Test
    void responseInTimeStopsTheClockEvenAfterTheDueTimePasses() {
        JsonObject state = sla.state(new SlaClock.Times("IN_PROGRESS", NOW.minusSeconds(7200), NOW.minusSeconds(60),
                NOW.minusSeconds(3600), true, FAR, null, null));

        assertThat(state.getBoolean("breached")).isFalse();
        assertThat(state.getString("respondedAt")).isEqualTo(NOW.minusSeconds(3600).toString());
        assertThat(state.getJsonObject("firstResponse").getString("state")).isEqualTo("MET");
    }

    @Test
    void lessThanAQuarterOfTheTimeLeftIsAtRisk() {
        // Four hours to respond, 59 minutes left.
        JsonObject atRisk = sla.state(open(NOW.minus(Duration.ofMinutes(181)), NOW.plus(Duration.ofMinutes(59))));
        // Four hours to respond, 61 minutes left.
        JsonObject onTrack = sla.state(open(NOW.minus(Duration.ofMinutes(179)), NOW.plus(Duration.ofMinutes(61))));

        assertThat(atRisk.getJsonObject("firstResponse").getString("state")).isEqualTo("AT_RISK");
        assertThat(atRisk.getString("state")).isEqualTo("AT_RISK");
        assertThat(onTrack.getString("state")).isEqualTo("ON_TRACK");
    }

    @Test
    void resolutionClockRunsUntilResolvedAndRecordsTheVerdict() {
        Instant opened = NOW.minus(Duration.ofHours(10));
        JsonObject running = sla.state(new SlaClock.Times("IN_PROGRESS", opened, opened.plusSeconds(3600),
                opened.plusSeconds(600), true, NOW.plus(Duration.ofHours(14)), null, null));
        JsonObject lateFix = sla.state(new SlaClock.Times("RESOLVED", opened, opened.plusSeconds(3600),
                opened.plusSeconds(600), true, NOW.minus(Duration.ofHours(1)), NOW, false));

        assertThat(running.getJsonObject("resolution").getLong("remainingSeconds"))
                .isEqualTo(Duration.ofHours(14).toSeconds());
        assertThat(running.getJsonObject("resolution").getString("state")).isEqualTo("ON_TRACK");
        assertThat(lateFix.getJsonObject("resolution").getString("state")).isEqualTo("MISSED");
        assertThat(lateFix.getJsonObject("resolution").getBoolean("met")).isFalse();
        assertThat(lateFix.getBoolean("breached")).as("the first response was in time").isFalse();
        assertThat(lateFix.getString("state")).isEqualTo("BREACHED");
    }

    private static SlaClock.Times open(Instant openedAt, Instant firstResponseDue) {
        return new SlaClock.Times("OPEN", openedAt, firstResponseDue, null, null, FAR, null, null);
    }
}
