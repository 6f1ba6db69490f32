package io.forewarn.alerts;

import static io.forewarn.alerts.WorkflowFixture.SKILL;
import static io.forewarn.alerts.WorkflowFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Assignment by region, skill and load, the ranked candidates, reassignment, and the technicians resource. Each
 * test staffs a region of its own, so the loads it sees are the ones it made.
 */
class AssignmentApiTest {
    private static final Instant START = Instant.parse("2030-02-04T08:00:00Z");
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() {
        fx = WorkflowFixture.start("workflow_assignment", START);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void autoAssignmentPicksTheLeastLoadedTechnicianInTheRegionWithTheSkill() throws SQLException {
        String region = fx.id("region");
        String busy = fx.id("busy");
        String light = fx.id("light");
        fx.technician(busy, region, 2, SKILL);
        fx.technician(light, region, 4, SKILL);
        fx.technician(fx.id("plumber"), region, 9, "plumbing");
        fx.technician(fx.id("elsewhere"), fx.id("region"), 9, SKILL);
        // One open assignment each: 1/2 against 1/4.
        assignTo(busy, region);
        assignTo(light, region);

        String id = fx.ticket(SeedData.ALICE, region, Priority.HIGH, fx.clock.instant());
        JsonObject assigned = ok(fx.assign(id, new JsonObject().put("auto", true)), 200);

        assertThat(assigned.getString("assignedTechnician")).isEqualTo(light);
        assertThat(assigned.getString("status")).isEqualTo("ASSIGNED");
        JsonObject assignment = assigned.getJsonObject("assignment");
        assertThat(assignment.getString("mode")).isEqualTo("AUTO");
        assertThat(assignment.getBoolean("qualified")).isTrue();
        assertThat(assignment.getJsonArray("reasons")).contains("load 1/4");
        JsonObject event = fx.ticketJson(id).getJsonArray("history").getJsonObject(1);
        assertThat(event.getString("technicianId")).isEqualTo(light);
        assertThat(event.getString("note")).startsWith("assigned to " + light + " automatically");
    }

    @Test
    void candidatesAreRankedWithTheReasonForEachStanding() throws SQLException {
        String region = fx.id("region");
        String idle = fx.id("idle");
        String full = fx.id("full");
        String plumber = fx.id("plumber");
        String elsewhere = fx.id("elsewhere");
        fx.technician(idle, region, 3, SKILL);
        fx.technician(full, region, 1, SKILL);
        fx.technician(plumber, region, 3, "plumbing");
        fx.technician(elsewhere, "far-away", 3, SKILL);
        assignTo(full, region);
        String id = fx.ticket(SeedData.ALICE, region, Priority.NORMAL, fx.clock.instant());

        JsonObject candidates = fx.getJson("/api/v1/tickets/" + id + "/candidates", SeedData.PLANNER_USER);

        assertThat(candidates.getString("region")).isEqualTo(region);
        assertThat(candidates.getString("requiredSkill")).isEqualTo(SKILL);
        JsonArray items = candidates.getJsonArray("items");
        JsonObject first = items.getJsonObject(0);
        assertThat(first.getString("technicianId")).isEqualTo(idle);
        assertThat(first.getInteger("rank")).isEqualTo(1);
        assertThat(first.getBoolean("qualified")).isTrue();
        assertThat(reasonsOf(items, full)).containsExactly("at capacity (1/1)");
        assertThat(reasonsOf(items, plumber)).containsExactly("lacks the skill " + SKILL);
        assertThat(reasonsOf(items, elsewhere)).containsExactly("works in region far-away, the device is in " + region);
        assertThat(items.stream().map(o -> ((JsonObject) o).getBoolean("qualified")).filter(q -> q).count())
                .isEqualTo(1);
    }

    @Test
    void autoAssignmentWithNobodyQualifiedIsRefusedWithEveryonesReasons() {
        String region = fx.id("empty-region");
        String id = fx.ticket(SeedData.ALICE, region, Priority.URGENT, fx.clock.instant());

        JsonObject problem = AuthenticationTest.assertProblem(fx.assign(id, new JsonObject().put("auto", true)), 409);

        assertThat(problem.getString("detail")).contains("no technician qualifies").contains(region);
        JsonArray refusals = problem.getJsonArray("candidates");
        assertThat(refusals).isNotEmpty();
        JsonObject tom = refusals.stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("technicianId").equals(SeedData.TOM)).findFirst().orElseThrow();
        assertThat(tom.getJsonArray("reasons").getString(0)).contains("works in region north");
        assertThat(fx.ticketJson(id).getString("status")).isEqualTo("OPEN");
    }

    @Test
    void plannerReassignsAndTheTicketChangesHandsInHistoryAndScope() throws SQLException {
        String region = fx.id("region");
        String first = fx.id("first");
        String second = fx.id("second");
        fx.technician(first, region, 3, SKILL);
        fx.technician(second, region, 3, SKILL);
        String id = fx.ticket(SeedData.ALICE, "north", Priority.NORMAL, fx.clock.instant());
        ok(fx.assign(id, new JsonObject().put("technicianId", SeedData.TOM)), 200);
        ok(fx.move(id, SeedData.TOM_USER, "IN_PROGRESS"), 200);

        JsonObject reassigned = ok(fx.assign(id, new JsonObject().put("technicianId", SeedData.TINA)
                .put("note", "Tom is off sick")), 200);

        assertThat(reassigned.getString("status")).isEqualTo("ASSIGNED");
        assertThat(reassigned.getString("assignedTechnician")).isEqualTo(SeedData.TINA);
        JsonObject assignment = reassigned.getJsonObject("assignment");
        assertThat(assignment.getString("previousTechnicianId")).isEqualTo(SeedData.TOM);
        // Tina works in the south: the planner's choice stands, with the objection on record.
        assertThat(assignment.getBoolean("qualified")).isFalse();
        assertThat(assignment.getJsonArray("reasons").getString(0)).startsWith("overrides: works in region south");
        JsonObject event = fx.ticketJson(id).getJsonArray("history").getJsonObject(3);
        assertThat(event.getString("fromStatus")).isEqualTo("IN_PROGRESS");
        assertThat(event.getString("toStatus")).isEqualTo("ASSIGNED");
        assertThat(event.getString("note")).startsWith("reassigned from tech-tom to tech-tina").endsWith(": Tom is off sick");
        AuthenticationTest.assertProblem(fx.get("/api/v1/tickets/" + id, SeedData.TOM_USER), 404);
        assertThat(fx.getJson("/api/v1/tickets/" + id, SeedData.TINA_USER).getString("ticketId")).isEqualTo(id);
        JsonObject again = AuthenticationTest.assertProblem(
                fx.assign(id, new JsonObject().put("technicianId", SeedData.TINA)), 409);
        assertThat(again.getString("detail")).contains("already assigned");
    }

    @Test
    void assignmentNeedsAKnownTechnicianExactlyOneWayAndAnUnresolvedTicket() {
        String id = fx.ticket(Priority.NORMAL);

        AuthenticationTest.assertProblem(fx.assign(id, new JsonObject().put("technicianId", "nobody")), 400);
        AuthenticationTest.assertProblem(fx.assign(id, new JsonObject()), 400);
        AuthenticationTest.assertProblem(fx.assign(id, new JsonObject().put("technicianId", SeedData.TOM)
                .put("auto", true)), 400);
        fx.assignStartResolve(id, SeedData.TOM, SeedData.TOM_USER, "NO_FAULT_FOUND", null);
        JsonObject resolved = AuthenticationTest.assertProblem(
                fx.assign(id, new JsonObject().put("technicianId", SeedData.TINA)), 409);

        assertThat(resolved.getString("detail")).contains("reopen it first");
    }

    @Test
    void techniciansShowTheirLoadAndATechnicianSeesOnlyThemself() throws SQLException {
        String region = fx.id("region");
        String worker = fx.id("worker");
        fx.technician(worker, region, 4, SKILL);
        assignTo(worker, region);
        assignTo(worker, region);

        JsonObject page = fx.getJson("/api/v1/technicians?region=" + region, SeedData.PLANNER_USER);
        JsonObject listed = page.getJsonArray("items").getJsonObject(0);
        assertThat(listed.getString("technicianId")).isEqualTo(worker);
        assertThat(listed.getInteger("openAssignments")).isEqualTo(2);
        assertThat(listed.getDouble("load")).isEqualTo(0.5);
        assertThat(fx.getJson("/api/v1/technicians?skill=plumbing&region=" + region, SeedData.ADMIN_USER)
                .getJsonArray("items")).isEmpty();

        assertThat(fx.getJson("/api/v1/technicians/" + SeedData.TOM, SeedData.TOM_USER).getString("region"))
                .isEqualTo("north");
        AuthenticationTest.assertProblem(fx.get("/api/v1/technicians/" + SeedData.TINA, SeedData.TOM_USER), 404);
        AuthenticationTest.assertProblem(fx.get("/api/v1/technicians", SeedData.TOM_USER), 403);
        AuthenticationTest.assertProblem(fx.get("/api/v1/technicians/" + SeedData.TOM, SeedData.ALICE_USER), 403);
        AuthenticationTest.assertProblem(fx.get("/api/v1/technicians/nobody", SeedData.PLANNER_USER), 404);
    }

    @Test
    void assignmentsListShowsOnlyTheTechniciansOwnTickets() {
        String mine = fx.ticket(Priority.HIGH);
        String theirs = fx.ticket(Priority.HIGH);
        ok(fx.assign(mine, new JsonObject().put("technicianId", SeedData.TOM)), 200);
        ok(fx.assign(theirs, new JsonObject().put("technicianId", SeedData.TINA)), 200);

        List<String> toms = PredictionsApiTest.ids(fx.getJson("/api/v1/technicians/" + SeedData.TOM
                + "/assignments?status=ASSIGNED&limit=200", SeedData.TOM_USER), "ticketId");
        List<String> tinasAsSeenByPlanner = PredictionsApiTest.ids(fx.getJson("/api/v1/technicians/" + SeedData.TINA
                + "/assignments?limit=200", SeedData.PLANNER_USER), "ticketId");

        assertThat(toms).contains(mine).doesNotContain(theirs);
        assertThat(tinasAsSeenByPlanner).contains(theirs).doesNotContain(mine);
        AuthenticationTest.assertProblem(fx.get("/api/v1/technicians/" + SeedData.TINA + "/assignments",
                SeedData.TOM_USER), 404);
    }

    /** Gives {@code technician} one more open assignment, on a new ticket in {@code region}. */
    private static void assignTo(String technician, String region) {
        String id = fx.ticket(SeedData.BOB, region, Priority.LOW, fx.clock.instant());
        ok(fx.assign(id, new JsonObject().put("technicianId", technician)), 200);
    }

    private static List<String> reasonsOf(JsonArray items, String technicianId) {
        JsonObject candidate = items.stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("technicianId").equals(technicianId)).findFirst().orElseThrow();
        assertThat(candidate.getBoolean("qualified")).isFalse();
        return candidate.getJsonArray("reasons").stream().map(String::valueOf).toList();
    }
}
