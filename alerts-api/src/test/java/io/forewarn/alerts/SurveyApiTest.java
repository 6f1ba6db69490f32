package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static io.forewarn.alerts.WorkflowFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The satisfaction survey: the device's customer answers once after a resolution; planners read the answers. */
class SurveyApiTest {
    private static final Instant START = Instant.parse("2030-05-06T08:00:00Z");
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() {
        fx = WorkflowFixture.start("workflow_surveys", START);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void customerRatesTheirResolvedTicketOnce() {
        String id = resolvedTicket();

        JsonObject stored = ok(answer(id, SeedData.ALICE_USER, 4, 9, "quick and tidy"), 201);
        JsonObject second = AuthenticationTest.assertProblem(answer(id, SeedData.ALICE_USER, 1, 0, "changed my mind"), 409);

        assertThat(stored.getInteger("csat")).isEqualTo(4);
        assertThat(stored.getInteger("nps")).isEqualTo(9);
        assertThat(stored.getString("comment")).isEqualTo("quick and tidy");
        assertThat(stored.getString("customerId")).isEqualTo(SeedData.ALICE);
        assertThat(stored.getString("technicianId")).isEqualTo(SeedData.TOM);
        assertThat(stored.getString("answeredAt")).isEqualTo(fx.clock.instant().toString());
        assertThat(second.getString("detail")).contains("answered already");
        assertThat(fx.getJson("/api/v1/tickets/" + id + "/survey", SeedData.PLANNER_USER).getInteger("csat"))
                .isEqualTo(4);
    }

    @Test
    void surveyOpensOnlyOnceTheTicketIsResolved() {
        String id = fx.ticket(Priority.NORMAL);

        JsonObject problem = AuthenticationTest.assertProblem(answer(id, SeedData.ALICE_USER, 5, 10, null), 409);

        assertThat(problem.getString("detail")).contains("OPEN");
    }

    @Test
    void onlyTheCustomerOfTheDeviceAnswers() {
        String id = resolvedTicket();

        AuthenticationTest.assertProblem(answer(id, SeedData.BOB_USER, 5, 10, null), 404);
        AuthenticationTest.assertProblem(answer(id, SeedData.PLANNER_USER, 5, 10, null), 403);
        AuthenticationTest.assertProblem(answer(id, SeedData.TOM_USER, 5, 10, null), 403);
        AuthenticationTest.assertProblem(fx.get("/api/v1/tickets/" + id + "/survey", SeedData.PLANNER_USER), 404);
    }

    @Test
    void answersOutsideTheScalesAreRejected() {
        String id = resolvedTicket();

        AuthenticationTest.assertProblem(answer(id, SeedData.ALICE_USER, 6, 10, null), 400);
        AuthenticationTest.assertProblem(answer(id, SeedData.ALICE_USER, 0, 10, null), 400);
        AuthenticationTest.assertProblem(answer(id, SeedData.ALICE_USER, 3, 11, null), 400);
        AuthenticationTest.assertProblem(answer(id, SeedData.ALICE_USER, 3, -1, null), 400);
        AuthenticationTest.assertProblem(fx.request("POST", "/api/v1/tickets/" + id + "/survey", SeedData.ALICE_USER,
                new JsonObject().put("csat", 3), null), 400);
    }

    @Test
    void plannersReadEveryAnswerTheCustomerTheirOwnAndTechniciansNone() {
        String id = resolvedTicket();
        ok(answer(id, SeedData.ALICE_USER, 2, 3, "came late"), 201);
        String path = "/api/v1/tickets/" + id + "/survey";

        assertThat(fx.getJson(path, SeedData.ALICE_USER).getString("comment")).isEqualTo("came late");
        assertThat(fx.getJson(path, SeedData.ADMIN_USER).getInteger("nps")).isEqualTo(3);
        AuthenticationTest.assertProblem(fx.get(path, SeedData.BOB_USER), 404);
        AuthenticationTest.assertProblem(fx.get(path, SeedData.TOM_USER), 403);
        assertThat(ids(fx.getJson("/api/v1/surveys?limit=200&from=" + fx.clock.instant(), SeedData.PLANNER_USER),
                "ticketId")).contains(id);
        assertThat(ids(fx.getJson("/api/v1/surveys?limit=200&to=" + fx.clock.instant(), SeedData.PLANNER_USER),
                "ticketId")).doesNotContain(id);
        AuthenticationTest.assertProblem(fx.get("/api/v1/surveys", SeedData.ALICE_USER), 403);
    }

    private static String resolvedTicket() {
        fx.clock.advance(java.time.Duration.ofHours(1));
        String id = fx.ticket(Priority.HIGH);
        fx.assignStartResolve(id, SeedData.TOM, SeedData.TOM_USER, "FAILURE_CONFIRMED", null);
        return id;
    }

    private static HttpResponse<String> answer(String ticketId, String username, int csat, int nps, String comment) {
        JsonObject body = new JsonObject().put("csat", csat).put("nps", nps);
        if (comment != null) {
            body.put("comment", comment);
        }
        return fx.request("POST", "/api/v1/tickets/" + ticketId + "/survey", username, body, null);
    }
}
