package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private final TestApi api = TestApi.get();

    @Test
    void correctPasswordIssuesASignedTokenWithRoleAndExpiry() {
        HttpResponse<String> response = api.login(SeedData.PLANNER_USER, SeedData.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("token").split("\\.")).hasSize(3);
        assertThat(body.getString("role")).isEqualTo("planner");
        assertThat(Instant.parse(body.getString("expiresAt"))).isAfter(Instant.now().plusSeconds(3600));
        // The token opens the protected API.
        assertThat(api.get("/api/v1/tickets", body.getString("token")).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsA401Problem() {
        HttpResponse<String> response = api.login(SeedData.ALICE_USER, "not her password");

        assertProblem(response, 401);
    }

    @Test
    void unknownUserIsA401Problem() {
        assertProblem(api.login("nobody", SeedData.PASSWORD), 401);
    }

    @Test
    void requestWithoutTokenIsA401ProblemAskingForBearer() {
        HttpResponse<String> response = api.get("/api/v1/predictions", null);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void tamperedTokenIsRejected() {
        String token = api.tokenFor(SeedData.ALICE_USER);
        String[] parts = token.split("\\.");
        // Claim to be a planner with Alice's signature.
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JsonObject().put("sub", "alice").put("role", "planner").put("iss", "forewarn-alerts-api")
                        .put("exp", Instant.now().plusSeconds(3600).getEpochSecond()).encode().getBytes());

        HttpResponse<String> response = api.get("/api/v1/tickets", parts[0] + "." + forgedClaims + "." + parts[2]);

        assertProblem(response, 401);
    }

    @Test
    void loginWithoutPasswordFailsContractValidation() {
        HttpResponse<String> response = api.postJson(api.api.port(), "/api/v1/auth/token",
                new JsonObject().put("username", SeedData.PLANNER_USER));

        assertProblem(response, 400);
    }

    @Test
    void repeatedLoginAttemptsForOneUsernameAreThrottledWith429() throws Exception {
        AlertsApi strict = api.start(AlertsApiConfig.defaults(0).withLoginAttemptsPerMinute(3));
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(api.postJson(strict.port(), "/api/v1/auth/token",
                        new JsonObject().put("username", SeedData.BOB_USER).put("password", "guess " + i)).statusCode());
            }
            assertThat(statuses).containsExactly(401, 401, 401, 429, 429);

            HttpResponse<String> throttled = api.postJson(strict.port(), "/api/v1/auth/token",
                    new JsonObject().put("username", SeedData.BOB_USER).put("password", SeedData.PASSWORD));
            assertProblem(throttled, 429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("20");
            // Another username is not affected by Bob's bucket.
            assertThat(api.postJson(strict.port(), "/api/v1/auth/token",
                    new JsonObject().put("username", SeedData.TINA_USER).put("password", SeedData.PASSWORD))
                    .statusCode()).isEqualTo(200);
        } finally {
            strict.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    static JsonObject assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("type")).isNotBlank();
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        return problem;
    }
}
