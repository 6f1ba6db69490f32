package io.forewarn.alerts;

import static io.forewarn.alerts.WorkflowFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticket workflow over HTTP: states, history, versions, outcomes, comments and what is published. */
class TicketWorkflowApiTest {
    private static final Instant START = Instant.parse("2030-01-07T08:00:00Z");
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() {
        fx = WorkflowFixture.start("workflow_tickets", START);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void ticketGoesFromOpenToClosedAndEveryStepIsInItsHistory() {
        fx.clock.set(START);
        String id = fx.ticket(Priority.HIGH);

        fx.clock.advance(Duration.ofMinutes(30));
        JsonObject assigned = ok(fx.assign(id, new JsonObject().put("technicianId", SeedData.TOM)), 200);
        fx.clock.advance(Duration.ofMinutes(30));
        ok(fx.move(id, SeedData.TOM_USER, "IN_PROGRESS"), 200);
        fx.clock.advance(Duration.ofHours(2));
        JsonObject resolved = ok(fx.move(id, SeedData.TOM_USER, new JsonObject().put("status", "RESOLVED")
                .put("outcome", "PART_REPLACED").put("part", "compressor").put("note", "bearing play confirmed")), 200);
        fx.clock.advance(Duration.ofHours(1));
        HttpResponse<String> closing = fx.move(id, SeedData.PLANNER_USER, "CLOSED");
        JsonObject closed = ok(closing, 200);

        assertThat(assigned.getString("status")).isEqualTo("ASSIGNED");
        assertThat(assigned.getString("assignedTechnician")).isEqualTo(SeedData.TOM);
        assertThat(resolved.getString("outcome")).isEqualTo("PART_REPLACED");
        assertThat(resolved.getString("outcomePart")).isEqualTo("compressor");
        assertThat(resolved.getString("resolvedAt")).isEqualTo(START.plus(Duration.ofHours(3)).toString());
        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        assertThat(closed.getInteger("version")).isEqualTo(5);
        assertThat(closing.headers().firstValue("ETag")).hasValue("\"5\"");

        JsonArray history = fx.ticketJson(id).getJsonArray("history");
        assertThat(history).hasSize(5);
        assertThat(step(history, 1)).isEqualTo("planner OPEN->ASSIGNED at " + START.plus(Duration.ofMinutes(30)));
        assertThat(step(history, 2)).isEqualTo("tom ASSIGNED->IN_PROGRESS"
                + " at " + START.plus(Duration.ofHours(1)));
        assertThat(step(history, 3)).isEqualTo("tom IN_PROGRESS->RESOLVED at " + START.plus(Duration.ofHours(3)));
        assertThat(step(history, 4)).isEqualTo("planner RESOLVED->CLOSED at " + START.plus(Duration.ofHours(4)));
        assertThat(history.getJsonObject(1).getString("technicianId")).isEqualTo(SeedData.TOM);
        assertThat(history.getJsonObject(3).getString("note"))
                .isEqualTo("outcome PART_REPLACED (compressor): bearing play confirmed");
    }

    @Test
    void illegalMoveAnswers409NamingTheAllowedStates() {
        String id = fx.ticket(Priority.NORMAL);

        JsonObject problem = AuthenticationTest.assertProblem(fx.move(id, SeedData.PLANNER_USER,
                new JsonObject().put("status", "RESOLVED").put("outcome", "NO_FAULT_FOUND")), 409);

        assertThat(problem.getString("currentStatus")).isEqualTo("OPEN");
        assertThat(problem.getJsonArray("allowed")).containsExactly("ASSIGNED");
        assertThat(problem.getString("detail")).contains("OPEN cannot move to RESOLVED").contains("ASSIGNED");
        JsonObject viaTransition = AuthenticationTest.assertProblem(fx.move(id, SeedData.PLANNER_USER, "ASSIGNED"), 409);
        assertThat(viaTransition.getString("detail")).contains("/assignment");
        assertThat(fx.ticketJson(id).getString("status")).isEqualTo("OPEN");
    }

    @Test
    void changeBasedOnAStaleVersionIsRefusedAndWithoutOneIsAskedFor() {
        String id = fx.ticket(Priority.NORMAL);
        String seenByBoth = fx.etag(id);
        String path = "/api/v1/tickets/" + id + "/assignment";

        ok(fx.request("POST", path, SeedData.PLANNER_USER, new JsonObject().put("technicianId", SeedData.TOM),
                seenByBoth), 200);
        JsonObject stale = AuthenticationTest.assertProblem(fx.request("POST", path, SeedData.ADMIN_USER,
                new JsonObject().put("technicianId", SeedData.TINA), seenByBoth), 412);
        JsonObject missing = AuthenticationTest.assertProblem(fx.request("POST", "/api/v1/tickets/" + id
                + "/transitions", SeedData.TOM_USER, new JsonObject().put("status", "IN_PROGRESS"), null), 428);

        assertThat(stale.getInteger("currentVersion")).isEqualTo(2);
        assertThat(missing.getString("detail")).contains("If-Match");
        assertThat(fx.ticketJson(id).getString("assignedTechnician")).isEqualTo(SeedData.TOM);
    }

    @Test
    void resolvingNeedsAnOutcomeAndForAReplacedPartOneOfTheFailureModesParts() {
        String id = fx.ticket(Priority.NORMAL);
        ok(fx.assign(id, new JsonObject().put("technicianId", SeedData.TOM)), 200);
        ok(fx.move(id, SeedData.TOM_USER, "IN_PROGRESS"), 200);

        AuthenticationTest.assertProblem(fx.move(id, SeedData.TOM_USER, "RESOLVED"), 400);
        AuthenticationTest.assertProblem(fx.move(id, SeedData.TOM_USER,
                resolve("PART_REPLACED")), 400);
        JsonObject wrongPart = AuthenticationTest.assertProblem(fx.move(id, SeedData.TOM_USER,
                resolve("PART_REPLACED").put("part", "air_filter")), 400);
        AuthenticationTest.assertProblem(fx.move(id, SeedData.TOM_USER,
                resolve("NO_FAULT_FOUND").put("part", "compressor")), 400);
        AuthenticationTest.assertProblem(fx.move(id, SeedData.TOM_USER, resolve("NOT_AN_OUTCOME")), 400);

        assertThat(wrongPart.getJsonArray("parts")).containsExactly("compressor");
        assertThat(fx.ticketJson(id).getString("status")).isEqualTo("IN_PROGRESS");
        JsonObject resolved = ok(fx.move(id, SeedData.TOM_USER, resolve("NO_FAULT_FOUND")), 200);
        assertThat(resolved.getString("outcome")).isEqualTo("NO_FAULT_FOUND");
        assertThat(resolved.getValue("outcomePart")).isNull();
    }

    @Test
    void reopenedTicketGoesBackToWorkWithoutItsOldOutcome() {
        String id = fx.ticket(Priority.HIGH);
        fx.assignStartResolve(id, SeedData.TOM, SeedData.TOM_USER, "FAILURE_CONFIRMED", null);

        JsonObject reopened = ok(fx.move(id, SeedData.PLANNER_USER,
                new JsonObject().put("status", "REOPENED").put("note", "customer reports the noise again")), 200);
        JsonObject working = ok(fx.move(id, SeedData.TOM_USER, "IN_PROGRESS"), 200);

        assertThat(reopened.getString("status")).isEqualTo("REOPENED");
        assertThat(reopened.getValue("outcome")).isNull();
        assertThat(reopened.getValue("resolvedAt")).isNull();
        assertThat(reopened.getJsonObject("slaState").getJsonObject("resolution").getValue("stoppedAt")).isNull();
        assertThat(working.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(working.getString("assignedTechnician")).isEqualTo(SeedData.TOM);
    }

    @Test
    void reopeningWaitsWhileAnotherTicketIsOpenForTheSameDeviceAndFailureMode() throws SQLException {
        String first = fx.ticket(Priority.NORMAL);
        fx.assignStartResolve(first, SeedData.TOM, SeedData.TOM_USER, "NO_FAULT_FOUND", null);
        String device = fx.ticketJson(first).getString("deviceId");
        fx.ticketOn(device, Priority.HIGH, fx.clock.instant());

        JsonObject problem = AuthenticationTest.assertProblem(fx.move(first, SeedData.PLANNER_USER, "REOPENED"), 409);

        assertThat(problem.getString("detail")).contains("another open ticket");
        assertThat(fx.ticketJson(first).getString("status")).isEqualTo("RESOLVED");
    }

    @Test
    void technicianWorksOnlyTheirOwnTicketsAndOnlyStartsAndResolves() {
        String id = fx.ticket(Priority.NORMAL);
        ok(fx.assign(id, new JsonObject().put("technicianId", SeedData.TOM)), 200);

        AuthenticationTest.assertProblem(fx.move(id, SeedData.TINA_USER, "IN_PROGRESS"), 404);
        ok(fx.move(id, SeedData.TOM_USER, "IN_PROGRESS"), 200);
        ok(fx.move(id, SeedData.TOM_USER, resolve("FAILURE_CONFIRMED")), 200);
        AuthenticationTest.assertProblem(fx.move(id, SeedData.TOM_USER, "CLOSED"), 403);
        AuthenticationTest.assertProblem(fx.move(id, SeedData.TOM_USER, "REOPENED"), 403);
        AuthenticationTest.assertProblem(fx.move(id, SeedData.ALICE_USER, "CLOSED"), 403);

        assertThat(fx.ticketJson(id).getString("status")).isEqualTo("RESOLVED");
    }

    @Test
    void startingWorkNeedsSomeoneAssigned() throws SQLException {
        String id = fx.ticket(Priority.NORMAL);
        fx.assignStartResolve(id, SeedData.TOM, SeedData.TOM_USER, "FAILURE_CONFIRMED", null);
        ok(fx.move(id, SeedData.PLANNER_USER, "REOPENED"), 200);
        fx.exec("UPDATE tickets SET assigned_technician = NULL WHERE ticket_id = ?", id);

        JsonObject problem = AuthenticationTest.assertProblem(fx.move(id, SeedData.PLANNER_USER, "IN_PROGRESS"), 409);

        assertThat(problem.getString("detail")).contains("nobody is assigned");
    }

    @Test
    void commentsKeepAuthorAndTimeAndCannotBeRewritten() {
        String id = fx.ticket(Priority.NORMAL);
        ok(fx.assign(id, new JsonObject().put("technicianId", SeedData.TOM)), 200);
        String path = "/api/v1/tickets/" + id + "/comments";

        ok(fx.request("POST", path, SeedData.PLANNER_USER, new JsonObject().put("body", "customer home after 5pm"),
                null), 201);
        fx.clock.advance(Duration.ofMinutes(5));
        JsonObject tomsNote = ok(fx.request("POST", path, SeedData.TOM_USER,
                new JsonObject().put("body", "bringing a spare compressor"), null), 201);
        AuthenticationTest.assertProblem(fx.request("POST", path, SeedData.ALICE_USER,
                new JsonObject().put("body", "hello"), null), 403);
        AuthenticationTest.assertProblem(fx.request("POST", path, SeedData.TINA_USER,
                new JsonObject().put("body", "not mine"), null), 404);
        AuthenticationTest.assertProblem(fx.request("POST", path, SeedData.PLANNER_USER,
                new JsonObject().put("body", "   "), null), 400);

        JsonArray comments = fx.getJson(path, SeedData.TOM_USER).getJsonArray("items");
        assertThat(comments).hasSize(2);
        assertThat(comments.getJsonObject(0).getString("author")).isEqualTo(SeedData.PLANNER_USER);
        assertThat(comments.getJsonObject(0).getString("authorRole")).isEqualTo("planner");
        assertThat(comments.getJsonObject(1).getString("body")).isEqualTo("bringing a spare compressor");
        assertThat(comments.getJsonObject(1).getString("at")).isEqualTo(fx.clock.instant().toString());
        assertThatThrownBy(() -> fx.exec("UPDATE ticket_comments SET body = 'rewritten' WHERE comment_id = ?",
                tomsNote.getLong("commentId")))
                .isInstanceOf(SQLException.class).hasMessageContaining("ticket_comments is append-only");
    }

    @Test
    void everyChangeIsPublishedAndAResolutionAlsoAnnouncesOutcomeAndFailureMode() {
        String id = fx.ticket(Priority.URGENT);

        fx.assignStartResolve(id, SeedData.TOM, SeedData.TOM_USER, "PART_REPLACED", "compressor");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(changesOf(id)).hasSize(3));
        assertThat(changesOf(id).stream().map(c -> c.getString("fromStatus") + "->" + c.getString("status")))
                .containsExactly("OPEN->ASSIGNED", "ASSIGNED->IN_PROGRESS", "IN_PROGRESS->RESOLVED");
        JsonObject assigned = changesOf(id).get(0);
        assertThat(assigned.getString("technicianId")).isEqualTo(SeedData.TOM);
        assertThat(assigned.getString("actor")).isEqualTo(SeedData.PLANNER_USER);
        assertThat(assigned.getString("customerId")).isEqualTo(SeedData.ALICE);
        assertThat(assigned.getString("priority")).isEqualTo("URGENT");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fx.resolutions)
                .filteredOn(r -> r.getString("ticketId").equals(id)).hasSize(1));
        JsonObject resolution = fx.resolutions.stream().filter(r -> r.getString("ticketId").equals(id))
                .findFirst().orElseThrow();
        assertThat(resolution.getString("outcome")).isEqualTo("PART_REPLACED");
        assertThat(resolution.getString("outcomePart")).isEqualTo("compressor");
        assertThat(resolution.getString("failureMode")).isEqualTo(WorkflowFixture.FAILURE_MODE);
        assertThat(resolution.getString("deviceId")).isEqualTo(fx.ticketJson(id).getString("deviceId"));
    }

    @Test
    void refusedChangeIsNeitherRecordedNorPublished() {
        String id = fx.ticket(Priority.NORMAL);

        AuthenticationTest.assertProblem(fx.move(id, SeedData.PLANNER_USER, "CLOSED"), 409);

        assertThat(fx.ticketJson(id).getJsonArray("history")).hasSize(1);
        assertThat(fx.ticketJson(id).getInteger("version")).isEqualTo(1);
        assertThat(changesOf(id)).isEmpty();
    }

    private static java.util.List<JsonObject> changesOf(String ticketId) {
        return fx.ticketChanges.stream().filter(c -> c.getString("ticketId").equals(ticketId)).toList();
    }

    private static JsonObject resolve(String outcome) {
        return new JsonObject().put("status", "RESOLVED").put("outcome", outcome);
    }

    private static String step(JsonArray history, int index) {
        JsonObject event = history.getJsonObject(index);
        return event.getString("actor") + " " + event.getString("fromStatus") + "->" + event.getString("toStatus")
                + " at " + event.getString("at");
    }
}
