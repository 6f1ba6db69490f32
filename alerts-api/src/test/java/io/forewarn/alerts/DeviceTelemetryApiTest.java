package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/devices/{deviceId}/telemetry} against a real QuestDB holding a day of a device's readings
 * ({@link WebAppFixture}), and against an API started without a time-series store.
 */
class DeviceTelemetryApiTest {
    @TempDir
    static Path work;
    private static WebAppFixture fixture;
    private static TestApi http;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = WebAppFixture.start("device_telemetry", work.resolve("questdb"));
        fixture.exec("INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,"
                + " estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version, estimate_method, evidence)"
                + " VALUES ('pred-t-1', ?, 'HP-200', 'COMPRESSOR_WEAR', ?, ?, 0.9, 0.3, 0.77, 0.6, 'iforest-v3',"
                + " 'TREND_EXTRAPOLATION', '[]'::jsonb)",
                SeedData.DEV_A1, Timestamp.from(SeedData.NOW.minus(Duration.ofHours(3))),
                Timestamp.from(SeedData.NOW.plus(Duration.ofDays(1))));
        http = TestApi.get();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** GET on the fixture's API as {@code username}. */
    private static HttpResponse<String> get(String pathAndQuery, String username) {
        String token = TOKENS.computeIfAbsent(username, u -> new JsonObject(http.postJson(fixture.api.port(),
                "/api/v1/auth/token", new JsonObject().put("username", u).put("password", SeedData.PASSWORD)).body())
                .getString("token"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.api.port() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    @Test
    void byDefaultTheLastDayIsReadInFiveMinuteBucketsWithMeanMinMaxAndTheAnomalyScores() {
        JsonObject history = ok(get("/api/v1/devices/" + SeedData.DEV_A1 + "/telemetry", SeedData.PLANNER_USER));

        assertThat(history.getString("from")).isEqualTo(SeedData.NOW.minus(Duration.ofDays(1)).toString());
        assertThat(history.getString("to")).isEqualTo(SeedData.NOW.toString());
        assertThat(history.getString("resolution")).isEqualTo("PT5M");
        // 20 hours of readings at one a minute.
        JsonArray buckets = history.getJsonArray("buckets");
        assertThat(buckets).hasSize(20 * 12);
        JsonObject temperature = buckets.getJsonObject(0).getJsonObject("sensors").getJsonObject("temperature");
        assertThat(temperature.getLong("count")).isEqualTo(5);
        assertThat(temperature.getDouble("min")).isLessThan(temperature.getDouble("mean"));
        assertThat(temperature.getDouble("max")).isGreaterThan(temperature.getDouble("mean"));
        // HP-200 is not in the catalog: the sensors are the ones the store reported.
        assertThat(history.getJsonArray("sensors").stream().map(s -> ((JsonObject) s).getString("name")))
                .containsExactly("temperature", "vibration_rms");
        assertThat(history.getJsonArray("anomalyScores")).hasSize(1);
        assertThat(history.getJsonArray("anomalyScores").getJsonObject(0).getDouble("score")).isEqualTo(0.77);
        assertThat(history.getString("predictedFailureAt")).isEqualTo(SeedData.NOW.plus(Duration.ofDays(1)).toString());
    }

    @Test
    void anAskedRangeAndResolutionAreRead() {
        // Ends before the prediction 3 hours before now.
        Instant to = SeedData.NOW.minus(Duration.ofHours(4));
        JsonObject history = ok(get("/api/v1/devices/" + SeedData.DEV_A1 + "/telemetry?from=" + to.minus(Duration.ofHours(6))
                + "&to=" + to + "&resolution=PT1H", SeedData.PLANNER_USER));

        assertThat(history.getJsonArray("buckets")).hasSize(6);
        assertThat(history.getJsonArray("buckets").getJsonObject(0).getJsonObject("sensors")
                .getJsonObject("vibration_rms").getLong("count")).isEqualTo(60);
        assertThat(history.getJsonArray("anomalyScores")).isEmpty();
    }

    @Test
    void theOwnerReadsTheirDeviceAndAnotherCustomerFindsNothing() {
        assertThat(get("/api/v1/devices/" + SeedData.DEV_A1 + "/telemetry", SeedData.ALICE_USER).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/devices/" + SeedData.DEV_A1 + "/telemetry", SeedData.BOB_USER).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/devices/" + SeedData.DEV_A1 + "/telemetry", SeedData.TINA_USER).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/devices/no-such-device/telemetry", SeedData.PLANNER_USER).statusCode()).isEqualTo(404);
    }

    @Test
    void aRangeThatDoesNotEndAfterItStartsOrNeedsTooManyBucketsIsABadRequest() {
        String device = "/api/v1/devices/" + SeedData.DEV_A1 + "/telemetry";
        HttpResponse<String> backwards = get(device + "?from=" + SeedData.NOW + "&to=" + SeedData.NOW.minus(Duration.ofHours(1)),
                SeedData.PLANNER_USER);
        HttpResponse<String> tooFine = get(device + "?from=" + SeedData.NOW.minus(Duration.ofDays(30)) + "&to=" + SeedData.NOW
                + "&resolution=PT1M", SeedData.PLANNER_USER);
        HttpResponse<String> unaligned = get(device + "?resolution=PT7M", SeedData.PLANNER_USER);

        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(tooFine.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(tooFine.body()).getString("detail")).contains("coarser resolution");
        assertThat(unaligned.statusCode()).isEqualTo(400);
    }

    @Test
    void anApiWithoutATimeSeriesStoreAnswers503ForAVisibleDeviceAnd404ForAnother() {
        HttpResponse<String> own = http.get("/api/v1/devices/" + SeedData.DEV_A1 + "/telemetry", http.tokenFor(SeedData.ALICE_USER));
        HttpResponse<String> foreign = http.get("/api/v1/devices/" + SeedData.DEV_B1 + "/telemetry", http.tokenFor(SeedData.ALICE_USER));

        assertThat(own.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(own.body()).getString("detail")).contains("without a time-series store");
        assertThat(foreign.statusCode()).isEqualTo(404);
    }
}
