package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.bookings.VisitSlots;
import io.forewarn.contracts.service.Priority;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the contract × every kind of caller, against the real server: anonymous, admin, planner, the
 * technician assigned to the object and another technician, the customer who owns it and another customer. Each
 * cell runs on a fresh object (a ticket on Alice's device assigned to Tom, with a reminder), so writes in one cell
 * do not change the next. An operation added to the contract without a row here fails
 * {@link #everyOperationOfTheContractIsInTheMatrix()}.
 */
class AuthorizationMatrixTest {
    /** Who calls; the columns of the matrix, in this order. */
    enum Subject {
        ANONYMOUS(null), ADMIN(SeedData.ADMIN_USER), PLANNER(SeedData.PLANNER_USER), OWN_TECHNICIAN(SeedData.TOM_USER),
        OTHER_TECHNICIAN(SeedData.TINA_USER), OWN_CUSTOMER(SeedData.ALICE_USER), OTHER_CUSTOMER(SeedData.BOB_USER);

        final String username;

        Subject(String username) {
            this.username = username;
        }
    }

    private static final String MATRIX = """
            # operation                  anon admin planner tech other-tech customer other-customer
            getHealth                    200  200   200     200  200        200      200
            getOpenApiDocument           200  200   200     200  200        200      200
            getMetrics                   200  200   200     200  200        200      200
            issueToken                   401  200   200     200  200        200      200
            listPredictions              401  200   200     200  200        200      200
            listTickets                  401  200   200     200  200        200      200
            getTicket                    401  200   200     200  404        200      404
            transitionTicket             401  200   200     200  404        403      403
            assignTicket                 401  200   200     403  403        403      403
            listTicketCandidates         401  200   200     403  403        403      403
            listTicketComments           401  200   200     200  404        403      403
            addTicketComment             401  201   201     201  404        403      403
            getTicketSurvey              401  200   200     403  403        200      404
            answerSurvey                 401  403   403     403  403        201      404
            listBookingSlots             401  200   200     200  404        200      404
            getTicketBooking             401  200   200     200  404        200      404
            bookVisit                    401  403   403     403  403        201      404
            cancelBooking                401  403   403     403  403        200      404
            listSurveys                  401  200   200     403  403        403      403
            listSlaBreaches              401  200   200     200  200        200      200
            listTechnicians              401  200   200     403  403        403      403
            getTechnician                401  200   200     200  404        403      403
            listTechnicianAssignments    401  200   200     200  404        403      403
            getKpis                      401  200   200     403  403        403      403
            listReminders                401  200   200     200  200        200      200
            listReminderDeliveries       401  200   200     200  404        200      404
            acknowledgeReminder          401  403   403     403  403        200      404
            getCustomerPreferences       401  200   200     404  404        200      404
            putCustomerPreferences       401  200   200     404  404        200      404
            listDevices                  401  200   200     200  200        200      200
            getDevice                    401  200   200     200  404        200      404
            getDeviceTelemetry           401  503   503     503  404        503      404
            streamEvents                 401  200   200     200  200        200      200
            listDeadLetters              401  200   200     403  403        403      403
            summarizeDeadLetters         401  200   200     403  403        403      403
            """;

    /** What state the object of a cell is in before the call. */
    enum Setup { ASSIGNED, RESOLVED, ANSWERED, BOOKED }

    /**
     * How to call an operation on a cell's object.
     *
     * @param changes whether the call may change the object, so each cell needs a fresh one
     */
    record Call(Setup setup, boolean changes, Function<Cell, Request> request) {
        static Call get(Function<Cell, String> path) {
            return read(Setup.ASSIGNED, path);
        }

        static Call read(Setup setup, Function<Cell, String> path) {
            return new Call(setup, false, cell -> new Request("GET", path.apply(cell), null, null));
        }

        static Call write(Setup setup, Function<Cell, Request> request) {
            return new Call(setup, true, request);
        }
    }

    record Request(String method, String path, JsonObject body, String ifMatch) {}

    /** The object of one cell and who calls. */
    record Cell(Subject subject, String ticketId, String deviceId, String reminderId, int version) {
        Cell as(Subject caller) {
            return new Cell(caller, ticketId, deviceId, reminderId, version);
        }
    }

    /** A qualified technician for the objects (north, refrigeration), so an assignment to them can succeed. */
    private static final String TED = "tech-ted";
    private static final Instant NOW = Instant.parse("2030-08-05T08:00:00Z");
    /** The visit slots offered at {@link #NOW} to Alice, whose time zone is the default, UTC. */
    private static final List<VisitSlots.Slot> SLOTS = VisitSlots.offered(NOW, ZoneOffset.UTC);
    private static final Map<String, Call> CALLS = new LinkedHashMap<>();

    static {
        CALLS.put("getHealth", Call.get(c -> "/health"));
        CALLS.put("getOpenApiDocument", Call.get(c -> "/openapi.yaml"));
        CALLS.put("getMetrics", Call.get(c -> "/metrics"));
        CALLS.put("issueToken", Call.write(Setup.ASSIGNED, c -> new Request("POST", "/api/v1/auth/token",
                new JsonObject().put("username", c.subject().username == null ? "nobody" : c.subject().username)
                        .put("password", SeedData.PASSWORD), null)));
        CALLS.put("listPredictions", Call.get(c -> "/api/v1/predictions"));
        CALLS.put("listTickets", Call.get(c -> "/api/v1/tickets"));
        CALLS.put("getTicket", Call.get(c -> "/api/v1/tickets/" + c.ticketId()));
        CALLS.put("transitionTicket", Call.write(Setup.ASSIGNED, c -> new Request("POST",
                "/api/v1/tickets/" + c.ticketId() + "/transitions", new JsonObject().put("status", "IN_PROGRESS"),
                "\"" + c.version() + "\"")));
        CALLS.put("assignTicket", Call.write(Setup.ASSIGNED, c -> new Request("POST",
                "/api/v1/tickets/" + c.ticketId() + "/assignment", new JsonObject().put("technicianId", TED),
                "\"" + c.version() + "\"")));
        CALLS.put("listTicketCandidates", Call.get(c -> "/api/v1/tickets/" + c.ticketId() + "/candidates"));
        CALLS.put("listTicketComments", Call.get(c -> "/api/v1/tickets/" + c.ticketId() + "/comments"));
        CALLS.put("addTicketComment", Call.write(Setup.ASSIGNED, c -> new Request("POST",
                "/api/v1/tickets/" + c.ticketId() + "/comments", new JsonObject().put("body", "on my way"), null)));
        CALLS.put("getTicketSurvey", Call.read(Setup.ANSWERED, c -> "/api/v1/tickets/" + c.ticketId() + "/survey"));
        CALLS.put("answerSurvey", Call.write(Setup.RESOLVED, c -> new Request("POST",
                "/api/v1/tickets/" + c.ticketId() + "/survey", new JsonObject().put("csat", 5).put("nps", 9), null)));
        CALLS.put("listBookingSlots", Call.get(c -> "/api/v1/tickets/" + c.ticketId() + "/booking/slots"));
        CALLS.put("getTicketBooking", Call.read(Setup.BOOKED, c -> "/api/v1/tickets/" + c.ticketId() + "/booking"));
        // Tom has a visit booked in the last offered slot of every BOOKED cell; the first slot stays free for him.
        CALLS.put("bookVisit", Call.write(Setup.ASSIGNED, c -> new Request("PUT",
                "/api/v1/tickets/" + c.ticketId() + "/booking",
                new JsonObject().put("slotStart", SLOTS.get(0).start().toString()), null)));
        CALLS.put("cancelBooking", Call.write(Setup.BOOKED, c -> new Request("DELETE",
                "/api/v1/tickets/" + c.ticketId() + "/booking", null, null)));
        CALLS.put("listSurveys", Call.get(c -> "/api/v1/surveys"));
        CALLS.put("listSlaBreaches", Call.get(c -> "/api/v1/sla/breaches"));
        CALLS.put("listTechnicians", Call.get(c -> "/api/v1/technicians"));
        CALLS.put("getTechnician", Call.get(c -> "/api/v1/technicians/" + SeedData.TOM));
        CALLS.put("listTechnicianAssignments", Call.get(c -> "/api/v1/technicians/" + SeedData.TOM + "/assignments"));
        CALLS.put("getKpis", Call.get(c -> "/api/v1/kpis?from=2030-01-01T00:00:00Z&to=2031-01-01T00:00:00Z"));
        CALLS.put("listReminders", Call.get(c -> "/api/v1/reminders"));
        CALLS.put("listReminderDeliveries", Call.get(c -> "/api/v1/reminders/" + c.reminderId() + "/deliveries"));
        CALLS.put("acknowledgeReminder", Call.write(Setup.ASSIGNED, c -> new Request("POST",
                "/api/v1/reminders/" + c.reminderId() + "/acknowledgement", null, null)));
        CALLS.put("getCustomerPreferences", Call.get(c -> "/api/v1/customers/" + SeedData.ALICE + "/preferences"));
        CALLS.put("putCustomerPreferences", Call.write(Setup.ASSIGNED, c -> new Request("PUT",
                "/api/v1/customers/" + SeedData.ALICE + "/preferences", new JsonObject()
                        .put("channels", new JsonArray().add("EMAIL")).putNull("quietHours")
                        .put("timeZone", "Asia/Shanghai").put("language", "zh").put("maxNoticesPerWeek", 3), null)));
        CALLS.put("listDevices", Call.get(c -> "/api/v1/devices"));
        CALLS.put("getDevice", Call.get(c -> "/api/v1/devices/" + c.deviceId()));
        // The fixture's API runs without a time-series store: 503 says the caller got past tenancy.
        CALLS.put("getDeviceTelemetry", Call.get(c -> "/api/v1/devices/" + c.deviceId() + "/telemetry"));
        // A stream stays open; after its first event (ready) this one closes.
        CALLS.put("streamEvents", Call.get(c -> "/api/v1/events?maxEvents=1"));
        CALLS.put("listDeadLetters", Call.get(c -> "/api/v1/dead-letters"));
        CALLS.put("summarizeDeadLetters", Call.get(c -> "/api/v1/dead-letters/summary"));
    }

    private static WorkflowFixture fx;

    @BeforeAll
    static void start() throws SQLException {
        fx = WorkflowFixture.start("workflow_authorization", NOW);
        fx.technician(TED, "north", 1000, WorkflowFixture.SKILL);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void everyOperationOfTheContractIsInTheMatrix() throws Exception {
        Set<String> inContract = contractOperations();

        assertThat(expectations().keySet()).as("rows of the matrix").isEqualTo(inContract);
        assertThat(CALLS.keySet()).as("calls of the matrix").isEqualTo(inContract);
    }

    @TestFactory
    Stream<DynamicTest> eachRoleGetsWhatTheMatrixSaysOnEveryOperation() {
        return expectations().entrySet().stream().map(row -> DynamicTest.dynamicTest(row.getKey(), () -> {
            Call call = CALLS.get(row.getKey());
            assertThat(call).as("a call for %s", row.getKey()).isNotNull();
            List<String> mismatches = new ArrayList<>();
            // Reads share one object per row; writes get a fresh one per caller.
            Cell shared = call.changes() ? null : cell(Subject.ANONYMOUS, call.setup());
            for (Subject subject : Subject.values()) {
                Cell cell = shared == null ? cell(subject, call.setup()) : shared.as(subject);
                Request request = call.request().apply(cell);
                HttpResponse<String> response = fx.request(request.method(), request.path(), subject.username,
                        request.body(), request.ifMatch());
                int expected = row.getValue().get(subject);
                if (response.statusCode() != expected) {
                    mismatches.add(subject + ": expected " + expected + ", got " + response.statusCode() + " "
                            + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
            assertThat(mismatches).as(row.getKey()).isEmpty();
        }));
    }

    /** The expected status per subject, by operation, parsed from {@link #MATRIX}. */
    private static Map<String, Map<Subject, Integer>> expectations() {
        Map<String, Map<Subject, Integer>> rows = new LinkedHashMap<>();
        for (String line : MATRIX.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            String[] fields = line.split("\\s+");
            assertThat(fields).as("row %s", line).hasSize(1 + Subject.values().length);
            Map<Subject, Integer> row = new LinkedHashMap<>();
            for (Subject subject : Subject.values()) {
                row.put(subject, Integer.parseInt(fields[1 + subject.ordinal()]));
            }
            assertThat(rows.put(fields[0], row)).as("duplicate row %s", fields[0]).isNull();
        }
        return rows;
    }

    private static Set<String> contractOperations() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract contract = AlertsApi.contract(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return contract.operations().stream().map(Operation::getOperationId)
                    .collect(Collectors.toCollection(TreeSet::new));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A fresh ticket on a new device of Alice's, assigned to Tom, in {@code setup}'s state, with a reminder. */
    private static Cell cell(Subject subject, Setup setup) throws SQLException {
        String ticket = fx.ticket(SeedData.ALICE, "north", Priority.HIGH, NOW);
        fx.exec("UPDATE tickets SET status = 'ASSIGNED', assigned_technician = ? WHERE ticket_id = ?",
                SeedData.TOM, ticket);
        fx.exec("INSERT INTO ticket_events (ticket_id, at, actor, from_status, to_status, technician_id)"
                + " VALUES (?, ?, 'planner', 'OPEN', 'ASSIGNED', ?)", ticket, WorkflowFixture.ts(NOW), SeedData.TOM);
        if (setup == Setup.RESOLVED || setup == Setup.ANSWERED) {
            fx.exec("UPDATE tickets SET status = 'RESOLVED', outcome = 'FAILURE_CONFIRMED' WHERE ticket_id = ?", ticket);
            fx.exec("INSERT INTO ticket_events (ticket_id, at, actor, from_status, to_status)"
                    + " VALUES (?, ?, 'tom', 'ASSIGNED', 'RESOLVED')", ticket, WorkflowFixture.ts(NOW));
        }
        if (setup == Setup.ANSWERED) {
            fx.exec("INSERT INTO satisfaction_surveys (ticket_id, customer_id, answered_by, answered_at, csat, nps)"
                    + " VALUES (?, ?, 'alice', ?, 4, 8)", ticket, SeedData.ALICE, WorkflowFixture.ts(NOW));
        }
        if (setup == Setup.BOOKED) {
            VisitSlots.Slot slot = SLOTS.get(SLOTS.size() - 1);
            fx.exec("INSERT INTO bookings (ticket_id, customer_id, status, slot_window, local_date, time_zone, slot_start,"
                    + " slot_end, booked_by, booked_at, updated_at) VALUES (?, ?, 'BOOKED', ?, ?, 'UTC', ?, ?, 'alice', ?, ?)",
                    ticket, SeedData.ALICE, slot.window().name(), slot.date(), WorkflowFixture.ts(slot.start()),
                    WorkflowFixture.ts(slot.end()), WorkflowFixture.ts(NOW), WorkflowFixture.ts(NOW));
        }
        String device;
        int version;
        try (Connection c = fx.dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT device_id, version FROM tickets WHERE ticket_id = ?")) {
            select.setString(1, ticket);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                device = rs.getString("device_id");
                version = rs.getInt("version");
            }
        }
        String reminder = fx.id("rem");
        fx.exec("INSERT INTO reminders (reminder_id, ticket_id, device_id, customer_id, language, channel, status,"
                + " created_at, title, what_we_found, why_it_matters, what_to_do, how_to_book)"
                + " VALUES (?, ?, ?, ?, 'en', 'EMAIL', 'SENT', ?, 'Service due', 'wear', 'breakdown', 'book', 'call')",
                reminder, ticket, device, SeedData.ALICE, WorkflowFixture.ts(NOW));
        return new Cell(subject, ticket, device, reminder, version);
    }
}
