package io.forewarn.alerts;

import static io.forewarn.alerts.PredictionsApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RemindersApiTest {
    private final TestApi api = TestApi.get();

    @Test
    void plannerPagesThroughRemindersNewestFirst() {
        JsonObject first = api.getJson("/api/v1/reminders?limit=2", SeedData.PLANNER_USER);
        JsonObject second = api.getJson("/api/v1/reminders?limit=2&cursor=" + first.getString("nextCursor"),
                SeedData.PLANNER_USER);

        assertThat(ids(first, "reminderId")).containsExactly("rem-5", "rem-3");
        assertThat(ids(second, "reminderId")).containsExactly("rem-2", "rem-1");
        assertThat(second.getValue("nextCursor")).isNull();
    }

    @Test
    void reminderHasTheContractFields() {
        JsonObject reminder = api.getJson("/api/v1/reminders?status=SENT", SeedData.PLANNER_USER)
                .getJsonArray("items").getJsonObject(0);

        assertThat(reminder.getString("reminderId")).isEqualTo("rem-1");
        assertThat(reminder.getString("ticketId")).isEqualTo("tk-1");
        assertThat(reminder.getString("customerId")).isEqualTo(SeedData.ALICE);
        assertThat(reminder.getString("language")).isEqualTo("zh");
        assertThat(reminder.getString("channel")).isEqualTo("EMAIL");
        assertThat(reminder.getString("whatToDo")).isEqualTo("book");
        assertThat(reminder.getString("createdAt")).endsWith("Z");
    }

    @Test
    void filtersByStatusDeviceAndCustomer() {
        assertThat(ids(api.getJson("/api/v1/reminders?status=QUEUED", SeedData.PLANNER_USER), "reminderId"))
                .containsExactly("rem-5", "rem-2");
        assertThat(ids(api.getJson("/api/v1/reminders?customerId=" + SeedData.ALICE, SeedData.PLANNER_USER), "reminderId"))
                .containsExactly("rem-2", "rem-1");
        assertThat(ids(api.getJson("/api/v1/reminders?deviceId=dev-b1&status=DELIVERED", SeedData.PLANNER_USER), "reminderId"))
                .containsExactly("rem-3");
    }
}
