package io.forewarn.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.forewarn.contracts.Json;
import io.forewarn.contracts.service.Priority;
import io.forewarn.simulator.truth.GroundTruth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real components: simulated devices → embedded HiveMQ → Flink job (MQTT source, Smile model,
 * prediction, decisions) → embedded PostgreSQL → Vert.x API; telemetry → embedded QuestDB.
 */
class DemoEndToEndTest {
    @TempDir
    static Path dataDir;
    static Demo demo;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String token;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = Demo.start(DemoConfig.isolated(dataDir), new PrintStream(new ByteArrayOutputStream()));
        token = Json.mapper().readTree(post("/api/v1/auth/token",
                "{\"username\":\"planner\",\"password\":\"" + demo.credentials().password() + "\"}")).get("token").asText();
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void degradingProductsGetATicketAndAReminder_healthyOnesNothing() throws Exception {
        Map<String, GroundTruth> truth = new HashMap<>();
        demo.fleet().groundTruth().forEach(t -> truth.put(t.deviceId(), t));
        assertThat(truth).hasSize(6);

        // Within two minutes every degrading product has its ticket (the promise; about 35 s here).
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> deviceIds(get("/api/v1/tickets?limit=200")).containsAll(truth.keySet()));

        Map<String, JsonNode> predictionsById = new HashMap<>();
        get("/api/v1/predictions?limit=200").get("items").forEach(p -> predictionsById.put(p.get("predictionId").asText(), p));
        JsonNode tickets = get("/api/v1/tickets?limit=200").get("items");
        Set<String> ticketed = new HashSet<>();
        for (JsonNode ticket : tickets) {
            String device = ticket.get("deviceId").asText();
            ticketed.add(device);
            GroundTruth t = truth.get(device);
            assertThat(t).as("ticket %s is for a degrading device, not healthy %s", ticket.get("ticketId"), device).isNotNull();
            assertThat(ticket.get("failureMode").asText()).as("failure mode of %s", device).isEqualTo(t.failureMode());
            assertThat(ticket.get("status").asText()).isEqualTo("OPEN");
            assertThat(ticket.get("technicianActions")).isNotEmpty();
            Instant opened = Instant.parse(ticket.get("openedAt").asText());
            assertThat(opened).as("ticket opened before the failure").isBefore(t.failureAt());

            // Priority and due time follow the newest prediction the ticket refers to (escalations update it).
            JsonNode prediction = predictionsById.get(ticket.get("predictionId").asText());
            assertThat(prediction).as("prediction of ticket %s", ticket.get("ticketId")).isNotNull();
            Instant detected = Instant.parse(prediction.get("detectedAt").asText());
            Instant failureAt = Instant.parse(prediction.get("estimatedFailureAt").asText());
            assertThat(Instant.parse(ticket.get("predictedFailureAt").asText())).isEqualTo(failureAt);
            Priority priority = Priority.valueOf(ticket.get("priority").asText());
            assertThat(priority).isEqualTo(Priority.forTimeToFailure(Duration.between(detected, failureAt)));
            Instant due = Instant.parse(ticket.get("firstResponseDue").asText());
            if (detected.equals(opened)) {
                assertThat(due).as("first response due after the priority's promise").isEqualTo(opened.plus(priority.firstResponse()));
            } else {
                assertThat(due).as("an escalated ticket is due no later than the new promise").isBeforeOrEqualTo(detected.plus(priority.firstResponse()));
            }
        }
        assertThat(ticketed).isEqualTo(truth.keySet());

        JsonNode predictions = get("/api/v1/predictions?limit=200").get("items");
        assertThat(deviceIdsOf(predictions)).isEqualTo(truth.keySet());
        for (JsonNode p : predictions) {
            assertThat(p.get("modelVersion").asText()).startsWith(p.get("productModel").asText() + "/v");
            assertThat(p.get("evidence")).isNotEmpty();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deviceIds(get("/api/v1/reminders?limit=200")).equals(truth.keySet()));
        // The demo delivers each notice to the product's display over its broker (e-mail is off without an SMTP host).
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<String> statuses = new HashSet<>();
            get("/api/v1/reminders?limit=200").get("items").forEach(r -> statuses.add(r.get("status").asText()));
            return statuses.equals(Set.of("SENT"));
        });
        for (JsonNode reminder : get("/api/v1/reminders?limit=200").get("items")) {
            String language = reminder.get("language").asText();
            assertThat(language).isIn("en", "zh");
            String device = reminder.get("deviceId").asText();
            String expectedLanguage = demo.fleet().device(device).orElseThrow().profile().language();
            assertThat(language).as("reminder in the customer's language").isEqualTo(expectedLanguage);
            for (String field : new String[] {"title", "whatWeFound", "whyItMatters", "whatToDo", "howToBook"}) {
                assertThat(reminder.get(field).asText()).as(field).isNotBlank();
            }
            assertThat(reminder.get("howToBook").asText()).contains(reminder.get("ticketId").asText());
        }
        assertThat(Files.readString(dataDir.resolve("demo-credentials.json"))).contains(demo.credentials().password());
    }

    @Test
    void everyProductsTelemetryIsStoredInTheTimeSeriesStore() {
        // Written through influxdb-client-java's v2 write API, read back with SQL from QuestDB.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            try (Connection c = DriverManager.getConnection(demo.timeSeriesSqlUrl(), "admin", "quest");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count_distinct(device_id), count() FROM telemetry")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("devices with stored telemetry").isEqualTo(demo.fleet().devices().size());
                assertThat(rs.getLong(2)).as("stored readings").isGreaterThan(1000);
            }
        });
    }

    private static Set<String> deviceIds(JsonNode page) {
        return deviceIdsOf(page.get("items"));
    }

    private static Set<String> deviceIdsOf(JsonNode items) {
        Set<String> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.get("deviceId").asText()));
        return ids;
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(demo.apiUrl() + path))
                .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    static String post(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(demo.apiUrl() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }
}
