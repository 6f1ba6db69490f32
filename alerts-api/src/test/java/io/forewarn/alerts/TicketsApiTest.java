package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketsApiTest {
    private final TestApi api = TestApi.get();

    @Test
    void plannerPagesThroughAllTicketsNewestFirstWithoutDuplicates() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.getJson("/api/v1/tickets?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    SeedData.PLANNER_USER);
            seen.addAll(ids(page, "ticketId"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(SeedData.TICKETS_NEWEST_FIRST);
    }

    @Test
    void filtersByStatusPriorityModelAndDevice() {
        assertThat(ids(api.getJson("/api/v1/tickets?status=OPEN", SeedData.PLANNER_USER), "ticketId"))
                .containsExactly("tk-5", "tk-2");
        assertThat(ids(api.getJson("/api/v1/tickets?priority=HIGH", SeedData.PLANNER_USER), "ticketId"))
                .containsExactly("tk-3", "tk-1");
        assertThat(ids(api.getJson("/api/v1/tickets?productModel=AC-900", SeedData.PLANNER_USER), "ticketId"))
                .containsExactly("tk-2");
        assertThat(ids(api.getJson("/api/v1/tickets?deviceId=dev-a1&status=RESOLVED", SeedData.PLANNER_USER), "ticketId"))
                .containsExactly("tk-4");
    }

    @Test
    void ticketDetailCarriesContractFieldsAssignmentAndHistoryInOrder() {
        JsonObject ticket = api.getJson("/api/v1/tickets/tk-3", SeedData.PLANNER_USER);

        assertThat(ticket.getString("kind")).isEqualTo("PREDICTED_FAILURE");
        assertThat(ticket.getString("deviceId")).isEqualTo(SeedData.DEV_B1);
        assertThat(ticket.getString("predictionId")).isEqualTo("pred-3");
        assertThat(ticket.getString("priority")).isEqualTo("HIGH");
        assertThat(ticket.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(ticket.getString("serviceCharge")).isEqualTo("FREE");
        assertThat(ticket.getJsonArray("technicianActions")).containsExactly("inspect", "replace part");
        assertThat(ticket.getString("assignedTechnician")).isEqualTo(SeedData.TINA);
        JsonArray history = ticket.getJsonArray("history");
        assertThat(history).hasSize(3);
        assertThat(history.getJsonObject(0).getValue("fromStatus")).isNull();
        assertThat(history.getJsonObject(1).getString("toStatus")).isEqualTo("ASSIGNED");
        assertThat(history.getJsonObject(2).getString("actor")).isEqualTo("tina");
        assertThat(history.getJsonObject(2).getString("toStatus")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void slaStateShowsTimelyLateOverdueAndRunningClocks() {
        JsonObject timely = sla("tk-3");
        assertThat(timely.getBoolean("breached")).isFalse();
        assertThat(timely.getString("respondedAt")).isEqualTo(SeedData.NOW.minus(Duration.ofHours(18)).toString());
        assertThat(timely.getValue("remainingSeconds")).isNull();

        JsonObject late = sla("tk-1");
        assertThat(late.getBoolean("breached")).isTrue();

        JsonObject overdue = sla("tk-2");
        assertThat(overdue.getBoolean("breached")).isTrue();
        assertThat(overdue.getLong("remainingSeconds")).isZero();

        JsonObject running = sla("tk-5");
        assertThat(running.getBoolean("breached")).isFalse();
        // NORMAL promises a first response within 24 h; the ticket was opened 2 h before the fixed clock.
        assertThat(running.getLong("remainingSeconds")).isEqualTo(Duration.ofHours(22).toSeconds());
        assertThat(running.getString("firstResponseDue")).isEqualTo(SeedData.NOW.plus(Duration.ofHours(22)).toString());
    }

    @Test
    void unknownTicketIsA404Problem() {
        AuthenticationTest.assertProblem(
                api.get("/api/v1/tickets/tk-nope", api.tokenFor(SeedData.PLANNER_USER)), 404);
    }

    private JsonObject sla(String ticketId) {
        return api.getJson("/api/v1/tickets/" + ticketId, SeedData.PLANNER_USER).getJsonObject("slaState");
    }
}
