package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/events} with a plain HTTP client against the real server: ticket changes made through the API,
 * predictions and tickets written straight into PostgreSQL (the change feed), SLA breaches, tenancy, and resuming
 * with Last-Event-ID.
 */
class LiveEventsTest {
    private static final Instant NOW = Instant.parse("2030-09-01T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() {
        fx = WorkflowFixture.start("live_events", NOW);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    /** A stream for {@code username}, token in the query as a browser's EventSource sends it, open once ready. */
    private static SseClient stream(String username) {
        SseClient client = SseClient.open(fx.api.port(), "/api/v1/events?access_token=" + fx.tokenFor(username), null, null);
        awaitReady(client);
        return client;
    }

    private static void awaitReady(SseClient client) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.named("ready")).hasSize(1));
    }

    @Test
    void anAnonymousCallerIsRefusedAndATokenInTheQueryOpensAStreamThatStartsReady() {
        try (SseClient anonymous = SseClient.open(fx.api.port(), "/api/v1/events", null, null);
                SseClient forged = SseClient.open(fx.api.port(), "/api/v1/events?access_token=not.a.token", null, null);
                SseClient planner = stream(SeedData.PLANNER_USER)) {
            assertThat(anonymous.status).isEqualTo(401);
            assertThat(forged.status).isEqualTo(401);
            assertThat(planner.status).isEqualTo(200);
            assertThat(planner.contentType).startsWith("text/event-stream");
            assertThat(planner.named("ready").get(0).data()).isEqualTo(new JsonObject().put("role", "planner").put("resumed", false));
        }
    }

    @Test
    void theBearerHeaderOpensAStreamTooAndMaxEventsEndsIt() {
        try (SseClient client = SseClient.open(fx.api.port(), "/api/v1/events?maxEvents=1", fx.tokenFor(SeedData.ADMIN_USER), null)) {
            assertThat(client.status).isEqualTo(200);
            awaitReady(client);
        }
    }

    @Test
    void aTicketChangeMadeThroughTheApiArrivesOnceWithItsNewState() {
        String ticket = fx.ticket(Priority.HIGH);
        try (SseClient planner = stream(SeedData.PLANNER_USER)) {
            WorkflowFixture.ok(fx.assign(ticket, new JsonObject().put("technicianId", SeedData.TOM)), 200);

            await().atMost(WAIT).untilAsserted(() -> assertThat(planner.aboutTicket(ticket))
                    .extracting(e -> e.data().getString("status")).contains("ASSIGNED"));
            SseClient.Event assigned = planner.aboutTicket(ticket).stream()
                    .filter(e -> e.data().getString("status").equals("ASSIGNED")).findFirst().orElseThrow();
            assertThat(assigned.name()).isEqualTo("ticket.changed");
            assertThat(assigned.id()).isNotBlank();
            assertThat(assigned.data().getString("technicianId")).isEqualTo(SeedData.TOM);
            assertThat(assigned.data().getString("actor")).isEqualTo(SeedData.PLANNER_USER);
            // The change feed sees the same version in the table: it is announced once all the same.
            int version = assigned.data().getInteger("version");
            await().during(Duration.ofMillis(4500)).atMost(WAIT).untilAsserted(() -> assertThat(planner.aboutTicket(ticket))
                    .filteredOn(e -> e.data().getInteger("version") == version).hasSize(1));
        }
    }

    @Test
    void predictionsAndTicketsWrittenStraightIntoPostgresArriveThroughTheChangeFeed() {
        try (SseClient planner = stream(SeedData.PLANNER_USER)) {
            String ticket = fx.ticket(Priority.URGENT);

            await().atMost(WAIT).untilAsserted(() -> assertThat(planner.aboutTicket(ticket)).isNotEmpty());
            JsonObject opened = planner.aboutTicket(ticket).get(0).data();
            assertThat(opened.getString("status")).isEqualTo("OPEN");
            assertThat(opened.getString("priority")).isEqualTo("URGENT");
            assertThat(opened.getString("actor")).isEqualTo("forewarn-job");
            assertThat(opened.getString("customerId")).isEqualTo(SeedData.ALICE);
            String prediction = fx.ticketJson(ticket).getString("predictionId");
            await().atMost(WAIT).untilAsserted(() -> assertThat(planner.named("prediction.created"))
                    .extracting(e -> e.data().getString("predictionId")).contains(prediction));
        }
    }

    @Test
    void aCustomerReceivesOnlyTheEventsOfTheirOwnDevicesAndATechnicianOnlyTheirAssignments() {
        try (SseClient alice = stream(SeedData.ALICE_USER);
                SseClient bob = stream(SeedData.BOB_USER);
                SseClient tina = stream(SeedData.TINA_USER);
                SseClient planner = stream(SeedData.PLANNER_USER)) {
            String alices = fx.ticket(SeedData.ALICE, "north", Priority.HIGH, NOW);
            String bobs = fx.ticket(SeedData.BOB, "south", Priority.HIGH, NOW);
            // Polling sees a row as it is then: the opening is announced only if the feed looks before the assignment.
            await().atMost(WAIT).untilAsserted(() -> assertThat(planner.aboutTicket(alices)).isNotEmpty());
            WorkflowFixture.ok(fx.assign(alices, new JsonObject().put("technicianId", SeedData.TOM)), 200);

            // The planner sees all of it; once it has, the others have had their chance too.
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(planner.aboutTicket(alices)).extracting(e -> e.data().getString("status")).containsExactly("OPEN", "ASSIGNED");
                assertThat(planner.aboutTicket(bobs)).isNotEmpty();
                assertThat(bob.aboutTicket(bobs)).isNotEmpty();
                assertThat(alice.aboutTicket(alices)).hasSize(2);
            });
            assertThat(bob.aboutTicket(alices)).isEmpty();
            assertThat(alice.aboutTicket(bobs)).isEmpty();
            assertThat(allCustomers(alice)).containsOnly(SeedData.ALICE);
            assertThat(allCustomers(bob)).containsOnly(SeedData.BOB);
            assertThat(alice.aboutTicket(alices)).allSatisfy(e -> assertThat(e.data().containsKey("actor")).isFalse());
            // Tom's assignment is not Tina's business.
            assertThat(tina.aboutTicket(alices)).isEmpty();
            assertThat(tina.named("prediction.created")).isEmpty();
        }
    }

    private static List<String> allCustomers(SseClient client) {
        return client.events.stream().filter(e -> !e.name().equals("ready"))
                .map(e -> e.data().getString("customerId")).toList();
    }

    @Test
    void aBrokenSlaPromiseArrivesForTheTicketsTechnician() {
        String ticket = fx.ticket(Priority.URGENT);
        WorkflowFixture.ok(fx.assign(ticket, new JsonObject().put("technicianId", SeedData.TINA)), 200);
        try (SseClient tina = stream(SeedData.TINA_USER); SseClient tom = stream(SeedData.TOM_USER)) {
            // Assigned in time, but the resolution promise (24 h for URGENT) runs out.
            fx.clock.advance(Duration.ofHours(25));

            await().atMost(WAIT).untilAsserted(() -> assertThat(tina.aboutTicket(ticket))
                    .filteredOn(e -> e.name().equals("sla.breached"))
                    .extracting(e -> e.data().getString("clock")).containsExactly("RESOLUTION"));
            assertThat(tom.aboutTicket(ticket)).isEmpty();
        } finally {
            fx.clock.set(NOW);
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsWhatItMissed() {
        String first = fx.ticket(Priority.NORMAL);
        String missed = fx.ticket(Priority.NORMAL);
        String lastSeen;
        try (SseClient planner = stream(SeedData.PLANNER_USER)) {
            WorkflowFixture.ok(fx.assign(first, new JsonObject().put("technicianId", SeedData.TOM)), 200);
            await().atMost(WAIT).untilAsserted(() -> assertThat(planner.aboutTicket(first)).isNotEmpty());
            lastSeen = planner.aboutTicket(first).get(planner.aboutTicket(first).size() - 1).id();
        }
        // While the client is away another ticket changes; the client that is still connected proves it was announced.
        try (SseClient witness = stream(SeedData.ADMIN_USER)) {
            WorkflowFixture.ok(fx.assign(missed, new JsonObject().put("technicianId", SeedData.TOM)), 200);
            await().atMost(WAIT).untilAsserted(() -> assertThat(witness.aboutTicket(missed)).isNotEmpty());
        }

        try (SseClient resumed = SseClient.open(fx.api.port(), "/api/v1/events", fx.tokenFor(SeedData.PLANNER_USER), lastSeen)) {
            awaitReady(resumed);
            assertThat(resumed.named("ready").get(0).data().getBoolean("resumed")).isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(resumed.aboutTicket(missed))
                    .extracting(e -> e.data().getString("status")).contains("ASSIGNED"));
            assertThat(resumed.aboutTicket(first)).noneMatch(e -> e.id().equals(lastSeen));
        }
    }

    @Test
    void aLastEventIdTheServerCannotReplayAsksTheClientToResync() {
        try (SseClient client = SseClient.open(fx.api.port(), "/api/v1/events", fx.tokenFor(SeedData.PLANNER_USER),
                "an-earlier-run-42")) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(client.events).extracting(SseClient.Event::name)
                    .containsExactly("ready", "resync"));
            assertThat(client.named("ready").get(0).data().getBoolean("resumed")).isFalse();
        }
    }

    @Test
    void anOverlongLastEventIdIsRefusedByTheContract() {
        HttpResponse<String> response = fx.request("GET", "/api/v1/events?lastEventId=" + "x".repeat(101),
                SeedData.PLANNER_USER, null, null);
        assertThat(response.statusCode()).isEqualTo(400);
    }
}
