package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.auth.UserAccounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET/PUT /api/v1/customers/{id}/preferences}: a customer's own, staff's anyone's, validated. */
class NotificationPreferencesApiTest {
    /** A customer of this test alone, so changing her preferences changes nothing other tests read. */
    static final String CAROL = "cust-carol";
    static final String CAROL_USER = "carol";
    private static final String PATH = "/api/v1/customers/" + CAROL + "/preferences";

    private final TestApi api = TestApi.get();

    @BeforeAll
    static void addCarol() throws Exception {
        TestApi api = TestApi.get();
        try (Connection c = api.dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO customers (customer_id, name, email, language)"
                     + " VALUES (?, 'Carol Li', 'carol@example.com', 'en') ON CONFLICT (customer_id) DO NOTHING")) {
            st.setString(1, CAROL);
            if (st.executeUpdate() == 1) {
                UserAccounts.create(api.dataSource, CAROL_USER, SeedData.PASSWORD, Role.CUSTOMER, CAROL, null);
            }
        }
    }

    @Test
    void aCustomerReadsAndReplacesTheirOwnPreferences() {
        JsonObject wanted = new JsonObject()
                .put("channels", new JsonArray().add("DEVICE").add("EMAIL"))
                .put("quietHours", new JsonObject().put("start", "22:00").put("end", "07:00"))
                .put("timeZone", "Asia/Shanghai")
                .put("language", "zh")
                .put("maxNoticesPerWeek", 2);

        HttpResponse<String> put = put(PATH, wanted, CAROL_USER);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonObject stored = api.getJson(PATH, CAROL_USER);
        assertThat(stored).isEqualTo(wanted.copy().put("customerId", CAROL));
        assertThat(new JsonObject(put.body())).isEqualTo(stored);

        HttpResponse<String> noQuiet = put(PATH, wanted.copy().putNull("quietHours").put("language", "en"), CAROL_USER);
        assertThat(noQuiet.statusCode()).as(noQuiet.body()).isEqualTo(200);
        assertThat(api.getJson(PATH, CAROL_USER).getValue("quietHours")).isNull();
    }

    @Test
    void anotherCustomersOrATechniciansRequestFindsNothingWhileStaffReachEveryone() {
        JsonObject valid = valid();
        AuthenticationTest.assertProblem(api.get(PATH, api.tokenFor(SeedData.BOB_USER)), 404);
        AuthenticationTest.assertProblem(put(PATH, valid, SeedData.BOB_USER), 404);
        AuthenticationTest.assertProblem(api.get(PATH, api.tokenFor(SeedData.TOM_USER)), 404);
        AuthenticationTest.assertProblem(api.get("/api/v1/customers/cust-nobody/preferences",
                api.tokenFor(SeedData.PLANNER_USER)), 404);

        assertThat(api.getJson("/api/v1/customers/" + SeedData.BOB + "/preferences", SeedData.BOB_USER)
                .getString("language")).isEqualTo("en");
        assertThat(api.getJson(PATH, SeedData.PLANNER_USER).getString("customerId")).isEqualTo(CAROL);
        assertThat(put(PATH, valid, SeedData.ADMIN_USER).statusCode()).isEqualTo(200);
    }

    @Test
    void badPreferencesAreRefusedSayingWhatIsWrong() {
        assertThat(refused(valid().put("timeZone", "Mars/Olympus_Mons"))).contains("timeZone", "IANA");
        assertThat(refused(valid().put("timeZone", "+08:00"))).contains("timeZone");
        assertThat(refused(valid().put("quietHours", new JsonObject().put("start", "07:00").put("end", "07:00"))))
                .contains("must differ");
        refused(valid().put("quietHours", new JsonObject().put("start", "25:00").put("end", "07:00")));
        refused(valid().put("channels", new JsonArray().add("FAX")));
        refused(valid().put("channels", new JsonArray()));
        refused(valid().put("channels", new JsonArray().add("SMS").add("SMS")));
        refused(valid().put("language", "fr"));
        refused(valid().put("maxNoticesPerWeek", 0));
        refused(valid().put("email", "other@example.com"));
        refused(valid().copy().put("timeZone", (String) null));
    }

    private String refused(JsonObject body) {
        return AuthenticationTest.assertProblem(put(PATH, body, CAROL_USER), 400).getString("detail");
    }

    private static JsonObject valid() {
        return new JsonObject()
                .put("channels", new JsonArray().add("EMAIL"))
                .putNull("quietHours")
                .put("timeZone", "Europe/Berlin")
                .put("language", "en")
                .put("maxNoticesPerWeek", 3);
    }

    private HttpResponse<String> put(String path, JsonObject body, String username) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", "Bearer " + api.tokenFor(username))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build());
    }
}
