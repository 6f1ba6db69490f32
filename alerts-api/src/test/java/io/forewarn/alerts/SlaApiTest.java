package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static io.forewarn.alerts.WorkflowFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both SLA clocks, their states and the list filter, breach announcements, and the ticket list's other filters. */
class SlaApiTest {
    private static final Instant START = Instant.parse("2030-03-04T08:00:00Z");
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() {
        fx = WorkflowFixture.start("workflow_sla", START);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void targetsFollowThePriority() {
        Instant opened = fx.clock.instant();
        Map<Priority, List<Duration>> targets = Map.of(
                Priority.URGENT, List.of(Duration.ofHours(1), Duration.ofHours(24)),
                Priority.HIGH, List.of(Duration.ofHours(4), Duration.ofHours(72)),
                Priority.NORMAL, List.of(Duration.ofHours(24), Duration.ofDays(7)),
                Priority.LOW, List.of(Duration.ofHours(72), Duration.ofDays(14)));

        targets.forEach((priority, due) -> {
            JsonObject ticket = fx.ticketJson(fx.ticket(SeedData.ALICE, "north", priority, opened));
            assertThat(ticket.getString("firstResponseDue")).as("%s first response", priority)
                    .isEqualTo(opened.plus(due.get(0)).toString());
            assertThat(ticket.getString("resolutionDue")).as("%s resolution", priority)
                    .isEqualTo(opened.plus(due.get(1)).toString());
        });
    }

    @Test
    void runningClockGoesOnTrackAtRiskBreachedAndTheListFilterAgrees() {
        String region = fx.id("sla-region");
        Instant opened = Instant.parse("2030-03-10T08:00:00Z");
        String id = fx.ticket(SeedData.ALICE, region, Priority.URGENT, opened);

        fx.clock.set(opened.plus(Duration.ofMinutes(30)));
        assertState(id, region, "ON_TRACK", 30 * 60);
        fx.clock.set(opened.plus(Duration.ofMinutes(50)));
        assertState(id, region, "AT_RISK", 10 * 60);
        fx.clock.set(opened.plus(Duration.ofMinutes(61)));
        assertState(id, region, "BREACHED", 0);
    }

    @Test
    void stoppedClocksKeepTheVerdictOfTheMomentTheyStopped() {
        Instant opened = Instant.parse("2030-03-12T08:00:00Z");
        fx.clock.set(opened);
        String late = fx.ticket(Priority.URGENT);
        String onTime = fx.ticket(Priority.URGENT);

        fx.clock.set(opened.plus(Duration.ofMinutes(20)));
        fx.assignStartResolve(onTime, SeedData.TOM, SeedData.TOM_USER, "FAILURE_CONFIRMED", null);
        fx.clock.set(opened.plus(Duration.ofMinutes(90)));
        ok(fx.assign(late, new JsonObject().put("technicianId", SeedData.TOM)), 200);
        fx.clock.set(opened.plus(Duration.ofHours(30)));
        ok(fx.move(late, SeedData.TOM_USER, "IN_PROGRESS"), 200);
        ok(fx.move(late, SeedData.TOM_USER, new JsonObject().put("status", "RESOLVED").put("outcome", "NO_FAULT_FOUND")), 200);
        // Much later, the verdicts stand.
        fx.clock.set(opened.plus(Duration.ofDays(60)));

        JsonObject kept = fx.ticketJson(onTime).getJsonObject("slaState");
        JsonObject broken = fx.ticketJson(late).getJsonObject("slaState");
        assertThat(kept.getJsonObject("firstResponse").getString("state")).isEqualTo("MET");
        assertThat(kept.getJsonObject("resolution").getString("state")).isEqualTo("MET");
        assertThat(kept.getJsonObject("resolution").getString("stoppedAt"))
                .isEqualTo(opened.plus(Duration.ofMinutes(20)).toString());
        assertThat(kept.getString("state")).isEqualTo("ON_TRACK");
        assertThat(broken.getJsonObject("firstResponse").getString("state")).isEqualTo("MISSED");
        assertThat(broken.getJsonObject("firstResponse").getString("stoppedAt"))
                .isEqualTo(opened.plus(Duration.ofMinutes(90)).toString());
        assertThat(broken.getJsonObject("resolution").getBoolean("met")).isFalse();
        assertThat(broken.getBoolean("breached")).isTrue();
        assertThat(broken.getString("state")).isEqualTo("BREACHED");
    }

    @Test
    void reopeningRestartsTheResolutionClockAgainstTheSameDueTime() {
        Instant opened = Instant.parse("2030-03-14T08:00:00Z");
        fx.clock.set(opened);
        String id = fx.ticket(Priority.URGENT);
        fx.clock.set(opened.plus(Duration.ofMinutes(10)));
        fx.assignStartResolve(id, SeedData.TOM, SeedData.TOM_USER, "FAILURE_CONFIRMED", null);
        assertThat(resolutionClock(id).getString("state")).isEqualTo("MET");

        fx.clock.set(opened.plus(Duration.ofHours(20)));
        ok(fx.move(id, SeedData.PLANNER_USER, "REOPENED"), 200);
        JsonObject running = resolutionClock(id);
        assertThat(running.getString("state")).isEqualTo("AT_RISK");
        assertThat(running.getLong("remainingSeconds")).isEqualTo(Duration.ofHours(4).toSeconds());

        fx.clock.set(opened.plus(Duration.ofHours(26)));
        assertThat(resolutionClock(id).getString("state")).isEqualTo("BREACHED");
    }

    @Test
    void eachBreachIsAnnouncedOnceAndListed() {
        Instant opened = Instant.parse("2030-03-16T08:00:00Z");
        fx.clock.set(opened);
        String id = fx.ticket(Priority.URGENT);

        fx.clock.set(opened.plus(Duration.ofMinutes(61)));
        JsonObject announced = awaitBreach(id, "FIRST_RESPONSE");
        // A later breach, announced after the first: the check has run again since, without repeating the first.
        String later = fx.ticket(SeedData.BOB, "south", Priority.URGENT, opened.plus(Duration.ofMinutes(1)));
        fx.clock.set(opened.plus(Duration.ofMinutes(62)));
        awaitBreach(later, "FIRST_RESPONSE");

        assertThat(fx.breaches).filteredOn(b -> b.getString("ticketId").equals(id)).hasSize(1);
        assertThat(announced.getString("dueAt")).isEqualTo(opened.plus(Duration.ofHours(1)).toString());
        assertThat(announced.getString("priority")).isEqualTo("URGENT");
        assertThat(announced.getString("customerId")).isEqualTo(SeedData.ALICE);
        List<String> listed = ids(fx.getJson("/api/v1/sla/breaches?clock=FIRST_RESPONSE&limit=200",
                SeedData.PLANNER_USER), "ticketId");
        assertThat(listed).contains(id, later);
        assertThat(ids(fx.getJson("/api/v1/sla/breaches?limit=200", SeedData.ALICE_USER), "ticketId"))
                .contains(id).doesNotContain(later);
        assertThat(ids(fx.getJson("/api/v1/sla/breaches?limit=200", SeedData.BOB_USER), "ticketId"))
                .contains(later).doesNotContain(id);
    }

    @Test
    void breachesPageNewestFirstWithoutRepeats() {
        Instant opened = Instant.parse("2030-03-18T08:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fx.clock.set(opened);
            String id = fx.ticket(Priority.URGENT);
            fx.clock.set(opened.plus(Duration.ofMinutes(61 + i)));
            awaitBreach(id, "FIRST_RESPONSE");
            expected.add(0, id);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = fx.getJson("/api/v1/sla/breaches?clock=FIRST_RESPONSE&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), SeedData.PLANNER_USER);
            seen.addAll(ids(page, "ticketId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && seen.size() < 500);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsSubsequence(expected);
    }

    @Test
    void ticketListFiltersByRegionAndOpeningDateAndRefusesAnEmptyRange() {
        String region = fx.id("filter-region");
        Instant day = Instant.parse("2030-04-01T00:00:00Z");
        String early = fx.ticket(SeedData.ALICE, region, Priority.LOW, day.plus(Duration.ofHours(1)));
        String middle = fx.ticket(SeedData.BOB, region, Priority.LOW, day.plus(Duration.ofHours(5)));
        String late = fx.ticket(SeedData.ALICE, region, Priority.HIGH, day.plus(Duration.ofHours(9)));
        fx.ticket(SeedData.ALICE, fx.id("other-region"), Priority.LOW, day.plus(Duration.ofHours(5)));

        assertThat(list("region=" + region)).containsExactly(late, middle, early);
        assertThat(list("region=" + region + "&openedFrom=" + day.plus(Duration.ofHours(5))
                + "&openedTo=" + day.plus(Duration.ofHours(9)))).containsExactly(middle);
        assertThat(list("region=" + region + "&priority=LOW&limit=1")).containsExactly(middle);
        assertThat(ids(fx.getJson("/api/v1/tickets?region=" + region, SeedData.BOB_USER), "ticketId"))
                .containsExactly(middle);
        AuthenticationTest.assertProblem(fx.get("/api/v1/tickets?openedFrom=" + day + "&openedTo=" + day,
                SeedData.PLANNER_USER), 400);
        AuthenticationTest.assertProblem(fx.get("/api/v1/tickets?slaState=LATE", SeedData.PLANNER_USER), 400);
        AuthenticationTest.assertProblem(fx.get("/api/v1/tickets?openedFrom=monday", SeedData.PLANNER_USER), 400);
    }

    private static List<String> list(String query) {
        return ids(fx.getJson("/api/v1/tickets?" + query, SeedData.PLANNER_USER), "ticketId");
    }

    private static JsonObject resolutionClock(String id) {
        return fx.ticketJson(id).getJsonObject("slaState").getJsonObject("resolution");
    }

    private static JsonObject awaitBreach(String ticketId, String clock) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fx.breaches)
                .anyMatch(b -> b.getString("ticketId").equals(ticketId) && b.getString("clock").equals(clock)));
        return fx.breaches.stream()
                .filter(b -> b.getString("ticketId").equals(ticketId) && b.getString("clock").equals(clock))
                .findFirst().orElseThrow();
    }

    /** The ticket shows {@code state}, and of the three state filters on its region only that one lists it. */
    private static void assertState(String id, String region, String state, long remainingSeconds) {
        JsonObject sla = fx.ticketJson(id).getJsonObject("slaState");
        assertThat(sla.getString("state")).isEqualTo(state);
        assertThat(sla.getJsonObject("firstResponse").getString("state")).isEqualTo(state);
        assertThat(sla.getLong("remainingSeconds")).isEqualTo(remainingSeconds);
        for (String filter : List.of("ON_TRACK", "AT_RISK", "BREACHED")) {
            List<String> listed = list("region=" + region + "&slaState=" + filter);
            if (filter.equals(state)) {
                assertThat(listed).as("slaState=%s", filter).containsExactly(id);
            } else {
                assertThat(listed).as("slaState=%s", filter).isEmpty();
            }
        }
    }
}
