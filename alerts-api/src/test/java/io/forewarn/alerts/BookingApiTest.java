package io.forewarn.alerts;

import static io.forewarn.alerts.WorkflowFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.service.Priority;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer's side of a notice: the slots offered for a ticket, booking, moving and cancelling the visit, the
 * capacity of a slot, and acknowledging a notice; against the real API on embedded PostgreSQL.
 */
class BookingApiTest {
    /** A Monday, 08:00 UTC: 16:00 in Shanghai, so the first slot offered is Tuesday morning there. */
    private static final Instant START = Instant.parse("2030-09-02T08:00:00Z");
    private static WorkflowFixture fx;

    @BeforeAll
    static void start() throws SQLException {
        fx = WorkflowFixture.start("workflow_bookings", START);
        fx.exec("UPDATE customers SET time_zone = 'Asia/Shanghai' WHERE customer_id = ?", SeedData.ALICE);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void slotsAreTheMorningsAndAfternoonsOfTheNextFiveWorkingDaysInTheCustomersTimeZone() {
        String ticket = openTicket();

        JsonObject slots = fx.getJson(slotsPath(ticket), SeedData.ALICE_USER);

        assertThat(slots.getString("timeZone")).isEqualTo("Asia/Shanghai");
        List<JsonObject> items = items(slots);
        assertThat(items).hasSize(10);
        // Tuesday 3rd to Friday 6th, then Monday 9th: the weekend is skipped.
        assertThat(items.stream().map(s -> s.getString("date")).distinct().toList())
                .containsExactly("2030-09-03", "2030-09-04", "2030-09-05", "2030-09-06", "2030-09-09");
        // 09:00–12:00 and 13:00–17:00 in Shanghai (UTC+8).
        assertThat(items.get(0).getString("start")).isEqualTo("2030-09-03T01:00:00Z");
        assertThat(items.get(0).getString("end")).isEqualTo("2030-09-03T04:00:00Z");
        assertThat(items.get(1).getString("window")).isEqualTo("AFTERNOON");
        assertThat(items.get(1).getString("start")).isEqualTo("2030-09-03T05:00:00Z");
        // The failure is predicted two days after opening, Wednesday 08:00 UTC (16:00 in Shanghai): Wednesday
        // afternoon ends after it.
        assertThat(items.stream().filter(s -> s.getBoolean("beforePredictedFailure")).map(s -> s.getString("start")))
                .containsExactly("2030-09-03T01:00:00Z", "2030-09-03T05:00:00Z", "2030-09-04T01:00:00Z");
        assertThat(items).allMatch(s -> s.getBoolean("available"));
    }

    @Test
    void aCustomerBooksAVisitAndThePlannerSeesItInTheTicketsHistory() throws SQLException {
        String ticket = openTicket();
        String slot = firstSlot(ticket);
        int eventsBefore = fx.bookingChanges.size();

        JsonObject booking = ok(book(ticket, SeedData.ALICE_USER, slot), 201);

        assertThat(booking.getString("status")).isEqualTo("BOOKED");
        assertThat(booking.getJsonObject("slot").getString("start")).isEqualTo(slot);
        assertThat(booking.getString("bookedBy")).isEqualTo(SeedData.ALICE_USER);
        JsonObject seenByPlanner = fx.getJson(bookingPath(ticket), SeedData.PLANNER_USER);
        assertThat(seenByPlanner.getJsonObject("slot").getString("window")).isEqualTo("MORNING");
        JsonObject last = lastHistoryEntry(ticket);
        assertThat(last.getString("actor")).isEqualTo(SeedData.ALICE_USER);
        assertThat(last.getString("at")).isEqualTo(START.toString());
        assertThat(last.getString("note")).isEqualTo("visit booked for 2030-09-03 09:00–12:00 Asia/Shanghai");
        assertThat(last.getString("toStatus")).isEqualTo("OPEN");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.bookingChanges.size() == eventsBefore + 1);
        JsonObject event = fx.bookingChanges.get(eventsBefore);
        assertThat(event.getString("ticketId")).isEqualTo(ticket);
        assertThat(event.getString("status")).isEqualTo("BOOKED");
        assertThat(event.getString("customerId")).isEqualTo(SeedData.ALICE);
    }

    @Test
    void bookingTheSameSlotTwiceIsNotAnErrorAndRecordsNothingNew() throws SQLException {
        String ticket = openTicket();
        String slot = firstSlot(ticket);
        ok(book(ticket, SeedData.ALICE_USER, slot), 201);
        int history = history(ticket).size();
        int events = fx.bookingChanges.size();

        JsonObject again = ok(book(ticket, SeedData.ALICE_USER, slot), 200);

        assertThat(again.getJsonObject("slot").getString("start")).isEqualTo(slot);
        assertThat(history(ticket)).hasSize(history);
        assertThat(count("SELECT count(*) FROM bookings WHERE ticket_id = ?", ticket)).isEqualTo(1);
        assertThat(fx.bookingChanges).hasSize(events);
    }

    @Test
    void aCustomerMovesTheVisitToAnotherSlotAndThenCancelsIt() {
        String ticket = openTicket();
        List<JsonObject> slots = items(fx.getJson(slotsPath(ticket), SeedData.ALICE_USER));
        ok(book(ticket, SeedData.ALICE_USER, slots.get(0).getString("start")), 201);

        JsonObject moved = ok(book(ticket, SeedData.ALICE_USER, slots.get(3).getString("start")), 200);
        assertThat(moved.getJsonObject("slot").getString("start")).isEqualTo(slots.get(3).getString("start"));
        assertThat(lastHistoryEntry(ticket).getString("note")).isEqualTo("visit moved from 2030-09-03 09:00–12:00"
                + " Asia/Shanghai to 2030-09-04 13:00–17:00 Asia/Shanghai");

        JsonObject cancelled = ok(fx.request("DELETE", bookingPath(ticket), SeedData.ALICE_USER, null, null), 200);
        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat(lastHistoryEntry(ticket).getString("note"))
                .isEqualTo("visit cancelled (was 2030-09-04 13:00–17:00 Asia/Shanghai)");
        int history = history(ticket).size();
        assertThat(ok(fx.request("DELETE", bookingPath(ticket), SeedData.ALICE_USER, null, null), 200)
                .getString("status")).isEqualTo("CANCELLED");
        assertThat(history(ticket)).hasSize(history);
    }

    @Test
    void aTechnicianMakesOneVisitPerSlot() {
        String first = assignedToTom();
        String second = assignedToTom();
        String slot = firstSlot(first);
        ok(book(first, SeedData.ALICE_USER, slot), 201);

        JsonObject full = AuthenticationTest.assertProblem(book(second, SeedData.ALICE_USER, slot), 409);

        assertThat(full.getString("detail")).contains("fully booked");
        JsonObject offeredToSecond = items(fx.getJson(slotsPath(second), SeedData.ALICE_USER)).stream()
                .filter(s -> s.getString("start").equals(slot)).findFirst().orElseThrow();
        assertThat(offeredToSecond.getBoolean("available")).isFalse();
        // The first ticket's own booking does not count against it.
        assertThat(items(fx.getJson(slotsPath(first), SeedData.ALICE_USER)).get(0).getBoolean("available")).isTrue();
    }

    @Test
    void aSlotThatIsNotOfferedOrAResolvedTicketCannotBeBooked() {
        String ticket = openTicket();

        JsonObject notOffered = AuthenticationTest.assertProblem(
                book(ticket, SeedData.ALICE_USER, "2030-09-03T02:00:00Z"), 409);
        assertThat(notOffered.getString("detail")).contains("not the start of an offered slot");
        assertThat(notOffered.getJsonArray("offered")).hasSize(10);

        String resolved = fx.ticket(Priority.HIGH);
        fx.assignStartResolve(resolved, SeedData.TOM, SeedData.TOM_USER, "FAILURE_CONFIRMED", null);
        JsonObject closed = AuthenticationTest.assertProblem(book(resolved, SeedData.ALICE_USER, firstSlot(resolved)), 409);
        assertThat(closed.getString("detail")).contains("RESOLVED");
        assertThat(fx.getJson(slotsPath(resolved), SeedData.ALICE_USER).getBoolean("bookable")).isFalse();
    }

    @Test
    void aCustomerAcknowledgesANoticeOnceAndTheReminderListShowsWhen() throws SQLException {
        String ticket = openTicket();
        String reminder = fx.id("rem");
        fx.exec("INSERT INTO reminders (reminder_id, ticket_id, device_id, customer_id, language, channel, status,"
                + " created_at, title, what_we_found, why_it_matters, what_to_do, how_to_book)"
                + " SELECT ?, t.ticket_id, t.device_id, ?, 'en', 'EMAIL', 'SENT', ?, 'Service due', 'wear', 'breakdown',"
                + " 'book', 'call' FROM tickets t WHERE t.ticket_id = ?",
                reminder, SeedData.ALICE, WorkflowFixture.ts(START), ticket);
        String path = "/api/v1/reminders/" + reminder + "/acknowledgement";

        JsonObject first = ok(fx.request("POST", path, SeedData.ALICE_USER, null, null), 200);
        JsonObject second;
        fx.clock.advance(Duration.ofHours(1));
        try {
            second = ok(fx.request("POST", path, SeedData.ALICE_USER, null, null), 200);
        } finally {
            fx.clock.set(START);  // the other tests read the clock at START
        }

        assertThat(first.getString("acknowledgedAt")).isEqualTo(START.toString());
        assertThat(second.getString("acknowledgedAt")).isEqualTo(START.toString());
        assertThat(first.getString("acknowledgedBy")).isEqualTo(SeedData.ALICE_USER);
        JsonObject listed = items(fx.getJson("/api/v1/reminders?limit=200", SeedData.PLANNER_USER)).stream()
                .filter(r -> r.getString("reminderId").equals(reminder)).findFirst().orElseThrow();
        assertThat(listed.getString("acknowledgedAt")).isEqualTo(START.toString());
        assertThat(AuthenticationTest.assertProblem(fx.request("POST", path, SeedData.BOB_USER, null, null), 404)
                .getString("detail")).contains(reminder);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static String slotsPath(String ticket) {
        return bookingPath(ticket) + "/slots";
    }

    private static String bookingPath(String ticket) {
        return "/api/v1/tickets/" + ticket + "/booking";
    }

    private static HttpResponse<String> book(String ticket, String user, String slotStart) {
        return fx.request("PUT", bookingPath(ticket), user, new JsonObject().put("slotStart", slotStart), null);
    }

    private static String firstSlot(String ticket) {
        return items(fx.getJson(slotsPath(ticket), SeedData.ALICE_USER)).get(0).getString("start");
    }

    /**
     * An open ticket on a new device of Alice's in a region of its own, so no other test's bookings take its slots
     * (a region without technicians holds one visit per slot).
     */
    private static String openTicket() {
        return fx.ticket(SeedData.ALICE, fx.id("area"), Priority.HIGH, START);
    }

    /** A ticket in the north assigned to Tom: his other bookings count against its slots. */
    private static String assignedToTom() {
        String ticket = fx.ticket(Priority.HIGH);
        ok(fx.assign(ticket, new JsonObject().put("technicianId", SeedData.TOM)), 200);
        return ticket;
    }

    private static List<JsonObject> items(JsonObject page) {
        JsonArray items = page.getJsonArray("items");
        return items.stream().map(JsonObject.class::cast).toList();
    }

    private static List<JsonObject> history(String ticket) {
        return fx.ticketJson(ticket).getJsonArray("history").stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject lastHistoryEntry(String ticket) {
        List<JsonObject> history = history(ticket);
        return history.get(history.size() - 1);
    }

    private static int count(String sql, String value) throws SQLException {
        try (Connection c = fx.dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
