package io.forewarn.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.forewarn.contracts.Json;
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
import java.time.Instant;
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
    void aRestartKeepsTicketsCredentialsAndJobStateAndDuplicatesNothing() throws Exception {
        DemoConfig config = DemoConfig.isolated(dataDir).withFleet(12, 3, 3600);
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
        Instant clockAtStop = Instant.parse(Files.readString(dataDir.resolve("simulation-clock.txt")).trim());

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
