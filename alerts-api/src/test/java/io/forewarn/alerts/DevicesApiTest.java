package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DevicesApiTest {
    private final TestApi api = TestApi.get();

    @Test
    void plannerPagesThroughDevicesInIdOrder() {
        JsonObject first = api.getJson("/api/v1/devices?limit=3", SeedData.PLANNER_USER);
        JsonObject second = api.getJson("/api/v1/devices?limit=3&cursor=" + first.getString("nextCursor"),
                SeedData.PLANNER_USER);

        assertThat(ids(first, "deviceId")).containsExactly("dev-a1", "dev-a2", "dev-a3");
        assertThat(ids(second, "deviceId")).containsExactly("dev-b1");
        assertThat(second.getValue("nextCursor")).isNull();
    }

    @Test
    void deviceShowsOwnerWarrantyAndLatestPrediction() {
        JsonObject device = api.getJson("/api/v1/devices/dev-a1", SeedData.PLANNER_USER);

        assertThat(device.getString("productModel")).isEqualTo("HP-200");
        assertThat(device.getString("customerId")).isEqualTo(SeedData.ALICE);
        assertThat(device.getString("customerName")).isEqualTo("Alice Chen");
        assertThat(device.getString("region")).isEqualTo("north");
        assertThat(device.getString("warrantyEnd")).isEqualTo("2026-01-10");
        assertThat(device.getBoolean("underWarranty")).isTrue();
        // pred-4 (30 h ago) is newer than pred-1 (50 h ago).
        assertThat(device.getJsonObject("latestPrediction").getString("predictionId")).isEqualTo("pred-4");
        assertThat(device.getJsonObject("latestPrediction").getJsonArray("evidence")).hasSize(1);
    }

    @Test
    void deviceWithoutPredictionsHasNullLatestPredictionAndExpiredWarrantyShows() {
        assertThat(api.getJson("/api/v1/devices/dev-a3", SeedData.PLANNER_USER).getValue("latestPrediction")).isNull();
        assertThat(api.getJson("/api/v1/devices/dev-a2", SeedData.PLANNER_USER).getBoolean("underWarranty")).isFalse();
    }

    @Test
    void filtersByProductModelAndCustomer() {
        assertThat(ids(api.getJson("/api/v1/devices?productModel=AC-900", SeedData.PLANNER_USER), "deviceId"))
                .containsExactly("dev-a2", "dev-a3");
        assertThat(ids(api.getJson("/api/v1/devices?customerId=" + SeedData.BOB, SeedData.PLANNER_USER), "deviceId"))
                .containsExactly("dev-b1");
    }

    @Test
    void unknownDeviceIsA404Problem() {
        AuthenticationTest.assertProblem(api.get("/api/v1/devices/dev-zz", api.tokenFor(SeedData.ADMIN_USER)), 404);
    }
}
