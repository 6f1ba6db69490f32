package io.forewarn.alerts;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain HTTP client of {@code GET /api/v1/events}: reads the server-sent events of one stream on a thread of its
 * own and keeps every event, as a test asserts on them.
 */
final class SseClient implements AutoCloseable {
    /** One event as received. */
    record Event(String id, String name, JsonObject data) {}

    final int status;
    final String contentType;
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final Thread reader;
    private volatile int comments;

    private SseClient(HttpResponse<InputStream> response) {
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse("");
        body = response.body();
        reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a stream at {@code pathAndQuery} of the server on {@code port}.
     *
     * @param bearer the token to send in the Authorization header, or null
     * @param lastEventId sent as Last-Event-ID, or null
     */
    static SseClient open(int port, String pathAndQuery, String bearer, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Accept", "text/event-stream").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Event> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    /** The events about one ticket (ticket changes and breaches). */
    List<Event> aboutTicket(String ticketId) {
        return events.stream().filter(e -> ticketId.equals(e.data().getString("ticketId"))).toList();
    }

    int comments() {
        return comments;
    }

    /** The id of the last event that had one. */
    String lastEventId() {
        return events.stream().map(Event::id).filter(id -> id != null).reduce((a, b) -> b).orElse(null);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, new JsonObject(data.toString())));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (IOException e) {
            // The stream was closed.
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
