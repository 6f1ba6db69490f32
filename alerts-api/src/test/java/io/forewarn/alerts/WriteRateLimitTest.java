package io.forewarn.alerts;

import static io.forewarn.alerts.WorkflowFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Changes are limited per user (here 3 a minute); reads and other users are not affected. */
class WriteRateLimitTest {
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() {
        fx = WorkflowFixture.start("workflow_rate_limit", Instant.parse("2030-07-01T08:00:00Z"),
                new WorkflowConfig(3, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void writesBeyondTheUsersLimitAnswer429WithRetryAfterWhileReadsAndOthersGoOn() {
        String id = fx.ticket(Priority.NORMAL);
        String path = "/api/v1/tickets/" + id + "/comments";

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(comment(path, SeedData.PLANNER_USER, "note " + i).statusCode());
        }
        HttpResponse<String> throttled = comment(path, SeedData.PLANNER_USER, "one more");

        assertThat(statuses).containsExactly(201, 201, 201, 429, 429);
        JsonObject problem = AuthenticationTest.assertProblem(throttled, 429);
        assertThat(problem.getString("detail")).contains(SeedData.PLANNER_USER);
        // Three a minute: one comes back every 20 s.
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 20));
        assertThat(fx.getJson(path, SeedData.PLANNER_USER).getJsonArray("items")).hasSize(3);
        ok(comment(path, SeedData.ADMIN_USER, "the admin is not throttled"), 201);
    }

    private static HttpResponse<String> comment(String path, String username, String body) {
        return fx.request("POST", path, username, new JsonObject().put("body", body), null);
    }
}
