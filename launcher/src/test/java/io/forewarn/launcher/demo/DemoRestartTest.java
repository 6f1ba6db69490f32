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
import java.util.HashSet;
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
        Set<String> ticketsBefore;
        String password;
        try (Demo demo = Demo.start(config, quiet())) {
            password = demo.credentials().password();
            String token = login(demo, password);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> ids(demo, token, "/api/v1/tickets", "ticketId").size() == 3);
            ticketsBefore = ids(demo, token, "/api/v1/tickets", "ticketId");
        }
        assertThat(savepoints()).as("a graceful stop takes a savepoint").isNotEmpty();
        Instant clockAtStop = Instant.parse(Files.readString(dataDir.resolve("simulation-clock.txt")).trim());

        try (Demo demo = Demo.start(config, quiet())) {
            assertThat(demo.credentials().password()).as("the planner login survives").isEqualTo(password);
            String token = login(demo, password);
            // The resumed fleet keeps degrading towards failure, so the job escalates the tickets it opened before the
            // stop: that it updates the same ticket (not a new one) shows its state was restored from the savepoint.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> aTicketWasEscalatedAfter(demo, token, clockAtStop));
            assertThat(ids(demo, token, "/api/v1/tickets", "ticketId")).as("same tickets, none duplicated").isEqualTo(ticketsBefore);
        }
    }

    /** True once an existing ticket refers to a prediction the restarted job made after the restart point. */
    private static boolean aTicketWasEscalatedAfter(Demo demo, String token, Instant clockAtStop) throws Exception {
        Set<String> recent = new HashSet<>();
        for (JsonNode p : page(demo, token, "/api/v1/predictions").get("items")) {
            if (Instant.parse(p.get("detectedAt").asText()).isAfter(clockAtStop)) {
                recent.add(p.get("predictionId").asText());
            }
        }
        for (JsonNode t : page(demo, token, "/api/v1/tickets").get("items")) {
            if (recent.contains(t.get("predictionId").asText())) {
                return true;
            }
        }
        return false;
    }

    private Set<Path> savepoints() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("flink/savepoints"))) {
            Set<Path> found = new HashSet<>();
            files.filter(p -> p.getFileName().toString().equals("_metadata")).forEach(found::add);
            return found;
        }
    }

    private static Set<String> ids(Demo demo, String token, String path, String field) throws Exception {
        Set<String> ids = new HashSet<>();
        page(demo, token, path).get("items").forEach(i -> ids.add(i.get(field).asText()));
        return ids;
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
