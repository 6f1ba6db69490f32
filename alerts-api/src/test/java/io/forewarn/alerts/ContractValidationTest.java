package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Requests that do not match the OpenAPI contract are refused with 400 problems before any handler runs. */
class ContractValidationTest {
    private final TestApi api = TestApi.get();

    @Test
    void limitBelowOneIsRejected() {
        JsonObject problem = AuthenticationTest.assertProblem(get("/api/v1/predictions?limit=0"), 400);
        assertThat(problem.getString("detail")).contains("limit");
    }

    @Test
    void nonNumericLimitIsRejected() {
        AuthenticationTest.assertProblem(get("/api/v1/tickets?limit=abc"), 400);
    }

    @Test
    void limitAboveTwoHundredIsRejected() {
        AuthenticationTest.assertProblem(get("/api/v1/reminders?limit=201"), 400);
    }

    @Test
    void statusOutsideTheEnumIsRejected() {
        AuthenticationTest.assertProblem(get("/api/v1/tickets?status=LOST"), 400);
    }

    @Test
    void cursorThisApiDidNotIssueIsRejected() {
        JsonObject problem = AuthenticationTest.assertProblem(get("/api/v1/predictions?cursor=bm90LWEtY3Vyc29y"), 400);
        assertThat(problem.getString("detail")).contains("cursor");
    }

    @Test
    void malformedSinceIsRejected() {
        AuthenticationTest.assertProblem(get("/api/v1/predictions?since=yesterday"), 400);
    }

    @Test
    void sqlInTheFilterIsJustAValueThatMatchesNothing() {
        JsonObject page = api.getJson("/api/v1/tickets?deviceId=x'%20OR%20'1'='1", SeedData.PLANNER_USER);
        assertThat(page.getJsonArray("items")).isEmpty();
    }

    @Test
    void unknownPathIsA404Problem() {
        AuthenticationTest.assertProblem(get("/api/v1/nothing-here"), 404);
    }

    private HttpResponse<String> get(String path) {
        return api.get(path, api.tokenFor(SeedData.PLANNER_USER));
    }
}
