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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real components: simulated devices → embedded HiveMQ → Flink job (MQTT source, Smile model,
 * prediction, decisions) → embedded PostgreSQL → Vert.x API; telemetry → embedded QuestDB.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {
    @TempDir
    static Path dataDir;
    static Demo demo;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String token;

    @BeforeAll
    static void startDemo() throws Exception {
        // Four days to replay rather than the default three: how soon the washing machine's fault is predicted depends
        // on the time of day the fleet starts (up to 73 sim hours after the start), and the test must not.
        demo = Demo.start(DemoConfig.isolated(dataDir).withCatchUp(Duration.ofDays(4)), new PrintStream(new ByteArrayOutputStream()));
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

        // Tickets first: the job keeps predicting, and a ticket escalated after the predictions were read would refer to
        // one not among them. A ticket's prediction is stored before it (the foreign key says so), so read after it.
        JsonNode tickets = get("/api/v1/tickets?limit=200").get("items");
        Instant readAt = Instant.now();
        Map<String, JsonNode> predictionsById = new HashMap<>();
        get("/api/v1/predictions?limit=200").get("items").forEach(p -> predictionsById.put(p.get("predictionId").asText(), p));
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
            // The promise runs from when the ticket reached the desk: the detection time, or later for a ticket
            // detected in the replayed past, which gets its whole promise from when the job opened it.
            Duration promise = priority.firstResponse();
            if (detected.equals(opened)) {
                assertThat(due).as("first response due after the priority's promise").isBetween(opened.plus(promise), readAt.plus(promise));
            } else {
                assertThat(due).as("an escalated ticket is due no later than the new promise").isBeforeOrEqualTo(readAt.plus(promise));
            }
            assertThat(due).as("no ticket arrives overdue").isAfter(readAt);
        }
        assertThat(ticketed).isEqualTo(truth.keySet());

        JsonNode predictions = get("/api/v1/predictions?limit=200").get("items");
        assertThat(deviceIdsOf(predictions)).isEqualTo(truth.keySet());
        Instant now = Instant.now();
        for (JsonNode p : predictions) {
            assertThat(p.get("modelVersion").asText()).matches(p.get("productModel").asText() + "/v\\d+");
            assertThat(p.get("estimateMethod").asText()).isIn("TREND_EXTRAPOLATION", "SUPERVISED_MODEL");
            assertThat(p.get("evidence")).isNotEmpty();
            p.get("evidence").forEach(e -> assertThat(e.get("kind").asText()).isIn("PRODUCT_MODEL", "DEVICE_BASELINE"));
            // One clock: the fleet's past replays up to the wall clock and no further, so nothing is detected ahead of it.
            assertThat(Instant.parse(p.get("detectedAt").asText())).as("prediction %s detected", p.get("predictionId")).isBeforeOrEqualTo(now);
        }
        for (JsonNode ticket : get("/api/v1/tickets?limit=200").get("items")) {
            assertThat(Instant.parse(ticket.get("openedAt").asText())).as("ticket %s opened", ticket.get("ticketId")).isBeforeOrEqualTo(now);
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
    void everyProductsTelemetryIsStoredInTheTimeSeriesStore() throws Exception {
        // Written through influxdb-client-java's v2 write API, read back with SQL from QuestDB.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            try (Connection c = DriverManager.getConnection(demo.timeSeriesSqlUrl(), "admin", "quest");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count_distinct(device_id), count(), max(timestamp) FROM telemetry")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("devices with stored telemetry").isEqualTo(demo.fleet().devices().size());
                assertThat(rs.getLong(2)).as("stored readings").isGreaterThan(1000);
                // QuestDB keeps UTC timestamps without a zone.
                assertThat(rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC)).as("the latest reading, never ahead of the wall clock").isBeforeOrEqualTo(Instant.now());
            }
        });
        // The demo keeps the ingest's checks on event time (nothing may lie ahead of the wall clock): none rejected.
        assertThat(get("/api/v1/dead-letters/summary").get("total").asInt()).as("telemetry rejected by the ingest").isZero();
    }

    /**
     * The "done when", through the demo's logins: the planner opens a predicted failure with its evidence and
     * telemetry, the customer sees the notice and books the visit, the planner assigns the ticket, the technician
     * resolves it with an outcome, the customer rates the service, and the KPIs count all of it. Runs last: it
     * changes a ticket the other tests expect open.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aPredictedFailureIsWorkedToClosureBookedAndRatedAndTheKpisCountIt() throws Exception {
        DemoCredentials logins = demo.credentials();
        assertThat(logins.customer()).as("the demo prints a customer login").isNotNull();
        assertThat(logins.technician()).as("the demo prints a technician login").isNotNull();
        String customer = login(logins.customer().username(), logins.customer().password());
        String technician = login(logins.technician().username(), logins.technician().password());

        // The planner: the customer's ticket, its prediction with evidence, and the device's telemetry around it.
        String customerId = logins.customer().actsFor();
        JsonNode ticket = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> ticketOf(customerId), t -> t != null);
        String ticketId = ticket.get("ticketId").asText();
        String deviceId = ticket.get("deviceId").asText();
        JsonNode prediction = null;
        for (JsonNode p : get("/api/v1/predictions?limit=200").get("items")) {
            if (p.get("predictionId").asText().equals(ticket.get("predictionId").asText())) {
                prediction = p;
            }
        }
        assertThat(prediction).as("the ticket's prediction is listed").isNotNull();
        assertThat(prediction.get("evidence")).as("evidence").isNotEmpty();
        Instant detected = Instant.parse(prediction.get("detectedAt").asText());
        JsonNode telemetry = get("/api/v1/devices/" + deviceId + "/telemetry?from=" + detected.minus(Duration.ofDays(2))
                + "&to=" + detected.plus(Duration.ofHours(1)) + "&resolution=PT1H");
        assertThat(telemetry.get("buckets")).as("telemetry before the prediction").isNotEmpty();
        assertThat(telemetry.get("anomalyScores")).as("the anomaly score over it").isNotEmpty();
        // The web app's device charts first ask for the default range, the last day by the wall clock: the replayed
        // past fills it up to now.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode recent = get("/api/v1/devices/" + deviceId + "/telemetry");
            assertThat(recent.get("buckets")).as("telemetry of the last day by the wall clock").isNotEmpty();
            Instant latest = Instant.parse(recent.get("buckets").get(recent.get("buckets").size() - 1).get("start").asText());
            assertThat(latest).as("the latest bucket, once the replay has caught up")
                    .isBeforeOrEqualTo(Instant.now()).isAfter(Instant.now().minus(Duration.ofHours(1)));
        });

        // The customer: the notice on their product, acknowledged; a visit booked in an offered slot.
        JsonNode notice = await().atMost(Duration.ofSeconds(30))
                .until(() -> first(call("GET", "/api/v1/reminders?limit=50", customer, null, null).body(), ticketId), n -> n != null);
        assertThat(notice.get("customerId").asText()).isEqualTo(customerId);
        assertThat(call("POST", "/api/v1/reminders/" + notice.get("reminderId").asText() + "/acknowledgement", customer, null, null)
                .statusCode()).isEqualTo(200);
        JsonNode slots = Json.mapper().readTree(call("GET", "/api/v1/tickets/" + ticketId + "/booking/slots", customer, null, null).body());
        JsonNode slot = null;
        for (JsonNode s : slots.get("items")) {
            if (slot == null && s.get("available").asBoolean()) {
                slot = s;
            }
        }
        assertThat(slot).as("a free slot is offered: %s", slots).isNotNull();
        HttpResponse<String> booked = call("PUT", "/api/v1/tickets/" + ticketId + "/booking", customer,
                "{\"slotStart\":\"" + slot.get("start").asText() + "\"}", null);
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

        // The planner assigns the demo's technician; the technician works the ticket and resolves it with an outcome.
        assertThat(change("/api/v1/tickets/" + ticketId + "/assignment", token, ticketId,
                "{\"technicianId\":\"" + logins.technician().actsFor() + "\"}").get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(change("/api/v1/tickets/" + ticketId + "/transitions", technician, ticketId,
                "{\"status\":\"IN_PROGRESS\"}").get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(change("/api/v1/tickets/" + ticketId + "/transitions", technician, ticketId,
                "{\"status\":\"RESOLVED\",\"outcome\":\"FAILURE_CONFIRMED\",\"note\":\"fixed on the first visit\"}")
                .get("status").asText()).isEqualTo("RESOLVED");

        // The customer rates the visit; the planner's KPIs count the resolution, the confirmed prediction and the rating.
        HttpResponse<String> rated = call("POST", "/api/v1/tickets/" + ticketId + "/survey", customer,
                "{\"csat\":5,\"nps\":9,\"comment\":\"came before it broke\"}", null);
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        JsonNode kpis = get("/api/v1/kpis?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z");
        assertThat(kpis.get("ticketsOpened").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(kpis.get("csat").get("responses").asInt()).isEqualTo(1);
        assertThat(kpis.get("csat").get("average").asDouble()).isEqualTo(5.0);
        assertThat(kpis.get("nps").get("promoters").asInt()).isEqualTo(1);
        assertThat(kpis.get("firstVisitFixRate").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(kpis.get("confirmedPredictions").asInt()).isEqualTo(1);
        assertThat(kpis.get("medianPredictionLeadTimeSeconds").isNull()).as("a lead time is measured").isFalse();
        // Detected on the replayed past, resolved now: on one clock the lead time is positive (it was negative while
        // simulated time ran days ahead of the wall clock the ticket workflow uses).
        assertThat(kpis.get("medianPredictionLeadTimeSeconds").asDouble()).as("lead time: resolved after detected").isPositive();
    }

    private static JsonNode ticketOf(String customerId) throws Exception {
        for (JsonNode t : get("/api/v1/tickets?limit=200").get("items")) {
            if (customerId.equals(t.path("customerId").asText()) && t.get("kind").asText().equals("PREDICTED_FAILURE")) {
                return t;
            }
        }
        return null;
    }

    private static JsonNode first(String page, String ticketId) throws Exception {
        for (JsonNode r : Json.mapper().readTree(page).get("items")) {
            if (r.get("ticketId").asText().equals(ticketId)) {
                return r;
            }
        }
        return null;
    }

    /** A ticket change with its current version in If-Match; read again and retried when the job changed it meanwhile. */
    private static JsonNode change(String path, String bearer, String ticketId, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            String etag = call("GET", "/api/v1/tickets/" + ticketId, token, null, null).headers().firstValue("etag").orElseThrow();
            HttpResponse<String> response = call("POST", path, bearer, body, etag);
            if (response.statusCode() != 412 || attempt == 3) {
                assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
                return Json.mapper().readTree(response.body());
            }
        }
    }

    private static String login(String username, String password) throws Exception {
        return Json.mapper().readTree(post("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).get("token").asText();
    }

    private static HttpResponse<String> call(String method, String path, String bearer, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.apiUrl() + path))
                .header("authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (ifMatch != null) {
            request.header("if-match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
