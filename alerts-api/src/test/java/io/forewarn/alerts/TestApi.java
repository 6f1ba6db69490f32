package io.forewarn.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * One real embedded PostgreSQL, seeded once, and one running API for the whole test run; with a small HTTP
 * client ({@link HttpClient}) that logs in once per user.
 */
final class TestApi {
    private static TestApi instance;

    final EmbeddedPostgres postgres;
    final DataSource dataSource;
    final Vertx vertx;
    final AlertsApi api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private TestApi() throws Exception {
        postgres = EmbeddedPostgres.start();
        dataSource = postgres.getPostgresDatabase();
        vertx = Vertx.vertx();
        // The API migrates the schema itself before the seed goes in.
        api = start(AlertsApiConfig.defaults(0).withLoginAttemptsPerMinute(100));
        SeedData.insertAll(dataSource);
        SeedData.insertUsers(dataSource);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    static synchronized TestApi get() {
        if (instance == null) {
            try {
                instance = new TestApi();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the API against embedded PostgreSQL", e);
            }
        }
        return instance;
    }

    /** Another API instance on the same database (for tests that need their own configuration). */
    AlertsApi start(AlertsApiConfig config) throws Exception {
        return AlertsApi.start(vertx, config, dataSource, Clock.fixed(SeedData.NOW, ZoneOffset.UTC))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private void stop() {
        try {
            api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            postgres.close();
        } catch (Exception e) {
            // Shutting down anyway.
        }
    }

    String base() {
        return "http://127.0.0.1:" + api.port();
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** GET as {@code username}, expecting 200, as JSON. */
    JsonObject getJson(String pathAndQuery, String username) {
        HttpResponse<String> response = get(pathAndQuery, tokenFor(username));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " as " + username + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    HttpResponse<String> postJson(int port, String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build());
    }

    HttpResponse<String> login(String username, String password) {
        return postJson(api.port(), "/api/v1/auth/token",
                new JsonObject().put("username", username).put("password", password));
    }

    String tokenFor(String username) {
        return tokens.computeIfAbsent(username, u -> {
            HttpResponse<String> response = login(u, SeedData.PASSWORD);
            if (response.statusCode() != 200) {
                throw new AssertionError("login of " + u + " answered " + response.statusCode() + ": " + response.body());
            }
            return new JsonObject(response.body()).getString("token");
        });
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
