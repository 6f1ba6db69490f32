package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.auth.UserAccounts;
import io.forewarn.alerts.events.ServiceEvents;
import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.contracts.service.Priority;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A database of its own in the shared embedded PostgreSQL, an API on it with a clock the test moves, and every
 * ticket and SLA event the API publishes. Tests of the ticket workflow change data, so they get their own database
 * and leave the shared seed of {@link TestApi} as the read-only tests expect it.
 *
 * <p>Seed: customers Alice and Bob; technicians Tom (north, refrigeration and general, capacity 5) and Tina (south,
 * refrigeration, capacity 5); the users of {@link SeedData} with its password. Tickets come from {@link #ticket}.
 */
final class WorkflowFixture implements AutoCloseable {
    static final String PRODUCT_MODEL = "AC-INV-12K";
    static final String FAILURE_MODE = "compressor_bearing_wear";
    static final String SKILL = "refrigeration";

    final MovableClock clock;
    final DataSource dataSource;
    final AlertsApi api;
    final List<JsonObject> ticketChanges = new CopyOnWriteArrayList<>();
    final List<JsonObject> resolutions = new CopyOnWriteArrayList<>();
    final List<JsonObject> breaches = new CopyOnWriteArrayList<>();
    final List<JsonObject> bookingChanges = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final TestApi shared = TestApi.get();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    private WorkflowFixture(String database, Instant start, WorkflowConfig config) throws Exception {
        clock = new MovableClock(start);
        try (Connection c = shared.postgres.getPostgresDatabase().getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        dataSource = shared.postgres.getDatabase("postgres", database);
        vertx = Vertx.vertx();
        vertx.eventBus().<JsonObject>consumer(ServiceEvents.TICKET_CHANGED, m -> ticketChanges.add(m.body()));
        vertx.eventBus().<JsonObject>consumer(ServiceEvents.TICKET_RESOLVED, m -> resolutions.add(m.body()));
        vertx.eventBus().<JsonObject>consumer(ServiceEvents.SLA_BREACHED, m -> breaches.add(m.body()));
        vertx.eventBus().<JsonObject>consumer(ServiceEvents.BOOKING_CHANGED, m -> bookingChanges.add(m.body()));
        api = AlertsApi.start(vertx, AlertsApiConfig.defaults(0).withLoginAttemptsPerMinute(1000), dataSource, clock,
                        config)
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        seed();
    }

    /**
     * @param database a database name of its own (lower case, no spaces)
     * @param config the write limit and SLA check interval under test
     */
    static WorkflowFixture start(String database, Instant start, WorkflowConfig config) {
        try {
            return new WorkflowFixture(database, start, config);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the API on database " + database, e);
        }
    }

    /** Generous write limit, an SLA check every 100 ms. */
    static WorkflowFixture start(String database, Instant start) {
        return start(database, start, new WorkflowConfig(100_000, Duration.ofMillis(100)));
    }

    @Override
    public void close() throws Exception {
        api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void seed() throws SQLException {
        exec("INSERT INTO customers (customer_id, name, email) VALUES (?, ?, ?), (?, ?, ?)",
                SeedData.ALICE, "Alice Chen", "alice@example.com", SeedData.BOB, "Bob Smith", "bob@example.com");
        technician(SeedData.TOM, "north", 5, SKILL, "general");
        technician(SeedData.TINA, "south", 5, SKILL);
        UserAccounts.create(dataSource, SeedData.PLANNER_USER, SeedData.PASSWORD, Role.PLANNER, null, null);
        UserAccounts.create(dataSource, SeedData.ADMIN_USER, SeedData.PASSWORD, Role.ADMIN, null, null);
        UserAccounts.create(dataSource, SeedData.ALICE_USER, SeedData.PASSWORD, Role.CUSTOMER, SeedData.ALICE, null);
        UserAccounts.create(dataSource, SeedData.BOB_USER, SeedData.PASSWORD, Role.CUSTOMER, SeedData.BOB, null);
        UserAccounts.create(dataSource, SeedData.TOM_USER, SeedData.PASSWORD, Role.TECHNICIAN, null, SeedData.TOM);
        UserAccounts.create(dataSource, SeedData.TINA_USER, SeedData.PASSWORD, Role.TECHNICIAN, null, SeedData.TINA);
    }

    void technician(String id, String region, int capacity, String... skills) throws SQLException {
        exec("INSERT INTO technicians (technician_id, name, region, skills, capacity) VALUES (?, ?, ?, ?, ?)",
                id, "Technician " + id, region, skills, capacity);
    }

    /** A unique id with this prefix. */
    String id(String prefix) {
        return prefix + "-" + sequence.incrementAndGet();
    }

    /**
     * Opens a ticket the way the stream job does (device, prediction, ticket, history), on a new device of
     * {@code customer} in {@code region}, for {@link #FAILURE_MODE} of {@link #PRODUCT_MODEL}.
     *
     * @return the ticket id
     */
    String ticket(String customer, String region, Priority priority, Instant openedAt) {
        String device = id("dev");
        try {
            exec("INSERT INTO devices (device_id, product_model, customer_id, region, installed_on, warranty_end)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", device, PRODUCT_MODEL, customer, region, LocalDate.of(2024, 1, 1),
                    LocalDate.of(2040, 1, 1));
            return ticketOn(device, priority, openedAt);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ticket on Alice's device in the north, opened now. */
    String ticket(Priority priority) {
        return ticket(SeedData.ALICE, "north", priority, clock.instant());
    }

    /** Another ticket on an existing device (for the same failure mode). */
    String ticketOn(String device, Priority priority, Instant openedAt) throws SQLException {
        String prediction = id("pred");
        String ticket = id("tk");
        exec("INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,"
                + " estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version, estimate_method, evidence)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0.9, 0.3, 0.8, 0.6, 'iforest-v1', 'TREND_EXTRAPOLATION', '[]'::jsonb)",
                prediction, device, PRODUCT_MODEL, FAILURE_MODE, ts(openedAt), ts(openedAt.plus(Duration.ofDays(2))));
        exec("INSERT INTO tickets (ticket_id, kind, device_id, product_model, failure_mode, prediction_id, priority,"
                + " status, opened_at, first_response_due, predicted_failure_at, service_charge, required_skill,"
                + " technician_actions, summary) VALUES (?, 'PREDICTED_FAILURE', ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?,"
                + " 'FREE', ?, '[\"inspect\"]'::jsonb, 'bearing wear')",
                ticket, device, PRODUCT_MODEL, FAILURE_MODE, prediction, priority.name(), ts(openedAt),
                ts(openedAt.plus(priority.firstResponse())), ts(openedAt.plus(Duration.ofDays(2))), SKILL);
        exec("INSERT INTO ticket_events (ticket_id, at, actor, from_status, to_status, note)"
                + " VALUES (?, ?, 'forewarn-job', NULL, 'OPEN', 'opened by prediction')", ticket, ts(openedAt));
        return ticket;
    }

    void exec(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value instanceof String[] array) {
                    statement.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            statement.executeUpdate();
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    // --- HTTP -------------------------------------------------------------------------------------------------

    String tokenFor(String username) {
        return tokens.computeIfAbsent(username, u -> {
            HttpResponse<String> response = shared.postJson(api.port(), "/api/v1/auth/token",
                    new JsonObject().put("username", u).put("password", SeedData.PASSWORD));
            assertThat(response.statusCode()).as("login of %s: %s", u, response.body()).isEqualTo(200);
            return new JsonObject(response.body()).getString("token");
        });
    }

    HttpResponse<String> request(String method, String path, String username, JsonObject body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (username != null) {
            request.header("Authorization", "Bearer " + tokenFor(username));
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return shared.send(request.build());
    }

    HttpResponse<String> get(String path, String username) {
        return request("GET", path, username, null, null);
    }

    /** GET as {@code username}, expecting 200. */
    JsonObject getJson(String path, String username) {
        return ok(get(path, username), 200);
    }

    /** The ticket as a planner sees it. */
    JsonObject ticketJson(String ticketId) {
        return getJson("/api/v1/tickets/" + ticketId, SeedData.PLANNER_USER);
    }

    String etag(String ticketId) {
        return "\"" + ticketJson(ticketId).getInteger("version") + "\"";
    }

    /** Moves the ticket as {@code username} with its current version. */
    HttpResponse<String> move(String ticketId, String username, JsonObject body) {
        return request("POST", "/api/v1/tickets/" + ticketId + "/transitions", username, body, etag(ticketId));
    }

    HttpResponse<String> move(String ticketId, String username, String status) {
        return move(ticketId, username, new JsonObject().put("status", status));
    }

    HttpResponse<String> assign(String ticketId, JsonObject body) {
        return request("POST", "/api/v1/tickets/" + ticketId + "/assignment", SeedData.PLANNER_USER, body,
                etag(ticketId));
    }

    /** Assigns to {@code technician}, starts and resolves with {@code outcome}, each step at the clock's time. */
    void assignStartResolve(String ticketId, String technician, String technicianUser, String outcome, String part) {
        ok(assign(ticketId, new JsonObject().put("technicianId", technician)), 200);
        ok(move(ticketId, technicianUser, "IN_PROGRESS"), 200);
        JsonObject resolve = new JsonObject().put("status", "RESOLVED").put("outcome", outcome);
        if (part != null) {
            resolve.put("part", part);
        }
        ok(move(ticketId, technicianUser, resolve), 200);
    }

    static JsonObject ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return new JsonObject(response.body());
    }

    /** A clock the test sets; the API reads it for SLA state, history times and the breach check. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        void advance(Duration duration) {
            now.updateAndGet(i -> i.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
