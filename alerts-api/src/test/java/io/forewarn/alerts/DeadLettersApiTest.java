package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DeadLettersApiTest {
    private final TestApi api = TestApi.get();

    @Test
    void plannerListsDeadLettersNewestFirstWithPayload() {
        JsonObject page = api.getJson("/api/v1/dead-letters", SeedData.PLANNER_USER);

        assertThat(ids(page, "deadLetterId")).containsExactly("dl-3", "dl-2", "dl-1");
        JsonObject newest = page.getJsonArray("items").getJsonObject(0);
        assertThat(newest.getString("payloadText")).isEqualTo("{\"pressure\":-3}");
        assertThat(newest.getString("field")).isEqualTo("pressure");
        // Bytes that are not UTF-8 are only given as base64.
        JsonObject binary = page.getJsonArray("items").getJsonObject(1);
        assertThat(binary.getValue("payloadText")).isNull();
        assertThat(binary.getString("payloadBase64")).isEqualTo("//4A");
    }

    @Test
    void filtersByReason() {
        assertThat(ids(api.getJson("/api/v1/dead-letters?reason=OUT_OF_RANGE", SeedData.ADMIN_USER), "deadLetterId"))
                .containsExactly("dl-3", "dl-1");
    }

    @Test
    void summaryCountsByReasonMostFrequentFirst() {
        JsonObject summary = api.getJson("/api/v1/dead-letters/summary", SeedData.PLANNER_USER);

        assertThat(summary.getLong("total")).isEqualTo(3);
        JsonObject top = summary.getJsonArray("reasons").getJsonObject(0);
        assertThat(top.getString("reason")).isEqualTo("OUT_OF_RANGE");
        assertThat(top.getLong("count")).isEqualTo(2);
        assertThat(summary.getJsonArray("reasons").getJsonObject(1).getLong("count")).isEqualTo(1);
    }

    @Test
    void customersAndTechniciansMayNotReadDeadLetters() {
        AuthenticationTest.assertProblem(api.get("/api/v1/dead-letters", api.tokenFor(SeedData.ALICE_USER)), 403);
        AuthenticationTest.assertProblem(api.get("/api/v1/dead-letters/summary", api.tokenFor(SeedData.TOM_USER)), 403);
    }
}
