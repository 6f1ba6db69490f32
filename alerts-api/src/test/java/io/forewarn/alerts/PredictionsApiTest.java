package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionsApiTest {
    private final TestApi api = TestApi.get();

    @Test
    void plannerPagesThroughAllPredictionsNewestFirstWithoutDuplicates() {
        JsonObject first = api.getJson("/api/v1/predictions?limit=3", SeedData.PLANNER_USER);
        assertThat(ids(first, "predictionId")).containsExactly("pred-5", "pred-3", "pred-2");
        assertThat(first.getString("nextCursor")).isNotNull();

        JsonObject second = api.getJson("/api/v1/predictions?limit=3&cursor=" + first.getString("nextCursor"),
                SeedData.PLANNER_USER);
        assertThat(ids(second, "predictionId")).containsExactly("pred-4", "pred-1");
        assertThat(second.getValue("nextCursor")).isNull();

        List<String> all = new ArrayList<>(ids(first, "predictionId"));
        all.addAll(ids(second, "predictionId"));
        assertThat(all).containsExactly(SeedData.PREDICTIONS_NEWEST_FIRST);
    }

    @Test
    void aPageExactlyAsLongAsTheRestHasNoNextCursor() {
        JsonObject page = api.getJson("/api/v1/predictions?limit=5", SeedData.PLANNER_USER);

        assertThat(ids(page, "predictionId")).hasSize(5);
        assertThat(page.getValue("nextCursor")).isNull();
    }

    @Test
    void predictionHasTheContractFieldsAndEvidenceAsJsonArray() {
        JsonObject page = api.getJson("/api/v1/predictions?deviceId=dev-b1&failureMode=COMPRESSOR_WEAR",
                SeedData.PLANNER_USER);

        JsonObject prediction = page.getJsonArray("items").getJsonObject(0);
        assertThat(prediction.getString("predictionId")).isEqualTo("pred-5");
        assertThat(prediction.getInteger("schemaVersion")).isEqualTo(1);
        assertThat(prediction.getString("productModel")).isEqualTo("HP-200");
        assertThat(prediction.getString("detectedAt")).isEqualTo(SeedData.NOW.minus(Duration.ofHours(2)).toString());
        assertThat(prediction.getString("estimatedFailureAt"))
                .isEqualTo(SeedData.NOW.minus(Duration.ofHours(2)).plus(Duration.ofDays(3)).toString());
        assertThat(prediction.getDouble("confidence")).isEqualTo(0.8);
        assertThat(prediction.getDouble("anomalyScore")).isEqualTo(0.71);
        assertThat(prediction.getString("modelVersion")).isEqualTo("iforest-v1");
        JsonArray evidence = prediction.getJsonArray("evidence");
        assertThat(evidence.getJsonObject(0).getString("feature")).isEqualTo("vibration_rms");
        assertThat(evidence.getJsonObject(0).getDouble("deviation")).isEqualTo(4.1);
    }

    @Test
    void aPredictionThatOpenedNoTicketSaysWhy() throws SQLException {
        try (Connection c = api.dataSource.getConnection();
             PreparedStatement suppress = c.prepareStatement("UPDATE predictions SET suppressed_by = ? WHERE prediction_id = ?")) {
            suppress.setString(1, "VISIT_IN_PROGRESS");
            suppress.setString(2, "pred-3");
            suppress.executeUpdate();
            try {
                JsonArray items = api.getJson("/api/v1/predictions?deviceId=dev-b1", SeedData.PLANNER_USER).getJsonArray("items");
                assertThat(items.getJsonObject(0).getString("predictionId")).isEqualTo("pred-5");
                assertThat(items.getJsonObject(0).getValue("suppressedBy")).as("acted on").isNull();
                assertThat(items.getJsonObject(1).getString("predictionId")).isEqualTo("pred-3");
                assertThat(items.getJsonObject(1).getString("suppressedBy")).isEqualTo("VISIT_IN_PROGRESS");
            } finally {
                suppress.setString(1, null);
                suppress.executeUpdate();
            }
        }
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(ids(api.getJson("/api/v1/predictions?deviceId=dev-a1", SeedData.PLANNER_USER), "predictionId"))
                .containsExactly("pred-4", "pred-1");
        assertThat(ids(api.getJson("/api/v1/predictions?failureMode=FAN_BEARING", SeedData.PLANNER_USER), "predictionId"))
                .containsExactly("pred-3", "pred-4");
        assertThat(ids(api.getJson("/api/v1/predictions?productModel=AC-900", SeedData.PLANNER_USER), "predictionId"))
                .containsExactly("pred-2");
        String since = SeedData.NOW.minus(Duration.ofHours(21)).toString();
        assertThat(ids(api.getJson("/api/v1/predictions?since=" + since, SeedData.PLANNER_USER), "predictionId"))
                .containsExactly("pred-5", "pred-3", "pred-2");
    }

    @Test
    void filterMatchingNothingGivesAnEmptyLastPage() {
        JsonObject page = api.getJson("/api/v1/predictions?deviceId=no-such-device", SeedData.PLANNER_USER);

        assertThat(page.getJsonArray("items")).isEmpty();
        assertThat(page.getValue("nextCursor")).isNull();
    }

    static List<String> ids(JsonObject page, String field) {
        List<String> ids = new ArrayList<>();
        page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString(field)));
        return ids;
    }
}
