package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PredictionsApiTest {
    private final TestApi api = TestApi.get();
    private static ResponseContract contract;

    @BeforeAll
    static void loadContract() throws Exception {
        contract = ResponseContract.load(TestApi.get().vertx);
    }

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
        assertThat(prediction.getInteger("schemaVersion")).isEqualTo(2);
        assertThat(prediction.getString("productModel")).isEqualTo("HP-200");
        assertThat(prediction.getString("detectedAt")).isEqualTo(SeedData.NOW.minus(Duration.ofHours(2)).toString());
        assertThat(prediction.getString("estimatedFailureAt"))
                .isEqualTo(SeedData.NOW.minus(Duration.ofHours(2)).plus(Duration.ofDays(3)).toString());
        assertThat(prediction.getDouble("confidence")).isEqualTo(0.8);
        assertThat(prediction.getDouble("anomalyScore")).isEqualTo(0.71);
        assertThat(prediction.getString("modelVersion")).isEqualTo("iforest-v1");
        assertThat(prediction.getString("estimateMethod")).isEqualTo("TREND_EXTRAPOLATION");
        JsonArray evidence = prediction.getJsonArray("evidence");
        assertThat(evidence.getJsonObject(0).getString("feature")).isEqualTo("vibration_rms");
        assertThat(evidence.getJsonObject(0).getDouble("deviation")).isEqualTo(4.1);
        assertThat(evidence.getJsonObject(0).getString("kind")).isEqualTo("PRODUCT_MODEL");
    }

    @Test
    void aSupervisedEstimateSaysSoWithTheBareModelVersionAndEachEvidenceItemSaysWhatItIsComparedWith() throws Exception {
        HttpResponse<String> answer = api.get("/api/v1/predictions?deviceId=dev-a2", api.tokenFor(SeedData.PLANNER_USER));

        JsonObject prediction = new JsonObject(answer.body()).getJsonArray("items").getJsonObject(0);
        assertThat(prediction.getString("predictionId")).isEqualTo("pred-2");
        assertThat(prediction.getString("estimateMethod")).isEqualTo("SUPERVISED_MODEL");
        assertThat(prediction.getString("modelVersion")).isEqualTo("iforest-v1");
        JsonArray evidence = prediction.getJsonArray("evidence");
        assertThat(List.of(evidence.getJsonObject(0).getString("feature"), evidence.getJsonObject(1).getString("feature")))
                .containsExactly("vibration_rms", "fan_current");
        assertThat(List.of(evidence.getJsonObject(0).getString("kind"), evidence.getJsonObject(1).getString("kind")))
                .containsExactly("PRODUCT_MODEL", "DEVICE_BASELINE");
        assertThat(contract.violation("listPredictions", answer.statusCode(), answer.body())).isNull();
    }

    @Test
    void theContractRequiresTheEstimateMethodAndEachEvidenceItemsKindFromItsOwnLists() throws Exception {
        JsonObject page = api.getJson("/api/v1/predictions?deviceId=dev-a2", SeedData.PLANNER_USER);
        assertThat(contract.violation("listPredictions", 200, page.encode())).as("as served").isNull();

        assertThat(contract.violation("listPredictions", 200, changed(page, p -> p.remove("estimateMethod"))))
                .as("without its method").isNotNull();
        assertThat(contract.violation("listPredictions", 200, changed(page, p -> p.put("estimateMethod", "GUESS"))))
                .as("an unknown method").isNotNull();
        assertThat(contract.violation("listPredictions", 200,
                changed(page, p -> p.getJsonArray("evidence").getJsonObject(1).remove("kind"))))
                .as("an evidence item without its kind").isNotNull();
        assertThat(contract.violation("listPredictions", 200,
                changed(page, p -> p.getJsonArray("evidence").getJsonObject(1).put("kind", "OWN_BASELINE"))))
                .as("an unknown kind").isNotNull();
    }

    @Test
    void theDocumentsOwnExampleOfAPredictionKeepsTheContract() throws Exception {
        JsonObject example = contract.example("PredictedFailure");
        assertThat(example.getString("estimateMethod")).isEqualTo("SUPERVISED_MODEL");
        assertThat(example.getString("modelVersion")).doesNotContain("#");

        String page = new JsonObject().put("items", new JsonArray().add(example)).putNull("nextCursor").encode();
        assertThat(contract.violation("listPredictions", 200, page)).isNull();
    }

    /** The page with its first prediction changed by {@code change}, as JSON. */
    private static String changed(JsonObject page, Consumer<JsonObject> change) {
        JsonObject copy = page.copy();
        change.accept(copy.getJsonArray("items").getJsonObject(0));
        return copy.encode();
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
