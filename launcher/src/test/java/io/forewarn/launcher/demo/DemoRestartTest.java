package io.forewarn.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.forewarn.contracts.Json;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the demo and starting it again on the same data directory carries on where it stopped. */
class DemoRestartTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aRestartWhileCatchingUpKeepsTicketsCredentialsAndJobStateAndDuplicatesNothing() throws Exception {
        // Four simulated days to replay (about 96 s): the first run stops once tickets are open, days short of the
        // wall clock, and the second replays the rest, in which the faults near failure and the tickets escalate.
        DemoConfig config = DemoConfig.isolated(dataDir).withFleet(12, 3, 3600).withCatchUp(Duration.ofDays(4));
        Map<String, String> ticketsBefore;
        String password;
        try (Demo demo = Demo.start(config, quiet())) {
            password = demo.credentials().password();
            String token = login(demo, password);
            // Three of the twelve products degrade; how soon the job predicts each depends on how fast this machine
            // replays the fleet, so the test waits for two predicted failures, not for an exact count at an instant.
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> predictedFailureTickets(demo, token).size() >= 2);
            ticketsBefore = tickets(demo, token);
        }
        assertThat(savepoints()).as("a graceful stop takes a savepoint").isNotEmpty();
        Instant clockAtStop = savedClock();
        assertThat(clockAtStop).as("stopped while catching up").isBefore(Instant.now().minus(Duration.ofHours(12)));

        try (Demo demo = Demo.start(config, quiet())) {
            assertThat(demo.credentials().password()).as("the planner login survives").isEqualTo(password);
            String token = login(demo, password);
            // The resumed fleet keeps degrading towards failure, so the job escalates the tickets it opened before the
            // stop: that it updates one of those tickets (not a new one) shows its state was restored from the savepoint.
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> aTicketWasEscalatedAfter(demo, token, clockAtStop, ticketsBefore.keySet()));
            Map<String, String> ticketsAfter = tickets(demo, token);
            assertThat(ticketsAfter).as("every ticket opened before the stop is still there, unchanged in identity")
                    .containsAllEntriesOf(ticketsBefore);
            assertThat(new HashSet<>(ticketsAfter.values())).as("one ticket per device, kind and failure mode")
                    .hasSameSizeAs(ticketsAfter.values());
        }
    }

    @Test
    void aRestartAfterTheCatchUpCarriesOnInRealTimeWithoutAGap() throws Exception {
        // One to two hours to replay (the fleet starts on the hour), a few products, none degrading: this is about time.
        DemoConfig config = DemoConfig.isolated(dataDir).withFleet(4, 0, 3600).withCatchUp(Duration.ofHours(1));
        try (Demo demo = Demo.start(config, quiet())) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(demo::simulationIsLive);
            awaitEveryReadingUpToNow(demo);
        }
        Instant stopped = Instant.now();
        Instant clockAtStop = savedClock();
        assertThat(clockAtStop).as("live at the stop: saved at the wall clock of the stop, neither behind it by a replay's margin nor ahead")
                .isBeforeOrEqualTo(stopped).isAfter(stopped.minus(Duration.ofMinutes(2)));

        try (Demo demo = Demo.start(config, quiet())) {
            // The time it was down replays in an instant; then it is live again and every reading is there, once.
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(demo::simulationIsLive);
            awaitEveryReadingUpToNow(demo);
        }
    }

    /**
     * Waits until each device's stored readings run one every sample interval, without a gap, to the last one due by
     * the wall clock, and none lies beyond it. (From the first one stored, not from the fleet's start: on a first start
     * the broker drops what the simulator publishes before the job has subscribed, a second or so of the replay.)
     */
    private void awaitEveryReadingUpToNow(Demo demo) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, long[]> stored = new HashMap<>();  // device → count, first, last (epoch seconds)
            try (Connection c = DriverManager.getConnection(demo.timeSeriesSqlUrl(), "admin", "quest");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT device_id, count(), min(timestamp), max(timestamp) FROM telemetry")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new long[] {rs.getLong(2),
                            rs.getObject(3, LocalDateTime.class).toEpochSecond(ZoneOffset.UTC),
                            rs.getObject(4, LocalDateTime.class).toEpochSecond(ZoneOffset.UTC)});
                }
            }
            Instant now = Instant.now();
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(demo.fleet().devices().stream().map(SimulatedDevice::deviceId).toList());
            for (SimulatedDevice device : demo.fleet().devices()) {
                long[] s = stored.get(device.deviceId());
                long interval = device.sampleInterval().toSeconds();
                assertThat(Instant.ofEpochSecond(s[2])).as(device.deviceId() + ": last reading").isBeforeOrEqualTo(now)
                        .isEqualTo(device.eventTimeOf(device.lastSeqAt(now)));
                assertThat(s[0]).as(device.deviceId() + ": readings, none missing").isEqualTo((s[2] - s[1]) / interval + 1);
            }
        });
    }

    private Instant savedClock() throws IOException {
        return Instant.parse(Files.readString(dataDir.resolve(Demo.CLOCK_FILE)).trim());
    }

    /** True once a ticket opened before the stop refers to a prediction the restarted job made after the restart point. */
    private static boolean aTicketWasEscalatedAfter(Demo demo, String token, Instant clockAtStop, Set<String> ticketIds)
            throws Exception {
        Set<String> recent = new HashSet<>();
        for (JsonNode p : page(demo, token, "/api/v1/predictions").get("items")) {
            if (Instant.parse(p.get("detectedAt").asText()).isAfter(clockAtStop)) {
                recent.add(p.get("predictionId").asText());
            }
        }
        for (JsonNode t : page(demo, token, "/api/v1/tickets").get("items")) {
            if (ticketIds.contains(t.get("ticketId").asText()) && recent.contains(t.get("predictionId").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Ticket id to what makes a ticket unique: device, kind and failure mode. */
    private static Map<String, String> tickets(Demo demo, String token) throws Exception {
        Map<String, String> tickets = new HashMap<>();
        for (JsonNode t : page(demo, token, "/api/v1/tickets").get("items")) {
            tickets.put(t.get("ticketId").asText(),
                    t.get("deviceId").asText() + "/" + t.get("kind").asText() + "/" + t.get("failureMode").asText());
        }
        return tickets;
    }

    private static Set<String> predictedFailureTickets(Demo demo, String token) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode t : page(demo, token, "/api/v1/tickets").get("items")) {
            if (t.get("kind").asText().equals("PREDICTED_FAILURE")) {
                ids.add(t.get("ticketId").asText());
            }
        }
        return ids;
    }

    private Set<Path> savepoints() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("flink/savepoints"))) {
            Set<Path> found = new HashSet<>();
            files.filter(p -> p.getFileName().toString().equals("_metadata")).forEach(found::add);
            return found;
        }
    }

    private static JsonNode page(Demo demo, String token, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(demo.apiUrl() + path + "?limit=200"))
                .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    /** Logs in once per demo run (logins are rate-limited, as they should be). */
    private static String login(Demo demo, String password) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(demo.apiUrl() + "/api/v1/auth/token"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"planner\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).get("token").asText();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
