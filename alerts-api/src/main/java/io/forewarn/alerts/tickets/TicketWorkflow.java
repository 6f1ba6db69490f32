package io.forewarn.alerts.tickets;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.technicians.Dispatcher;
import io.forewarn.alerts.technicians.Technician;
import io.forewarn.alerts.technicians.TechnicianQueries;
import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves tickets through their states and assigns them (blocking JDBC, one transaction per change). Each change
 * checks the version the caller last saw, appends to the ticket's history and bumps the version.
 */
public final class TicketWorkflow {
    /** PostgreSQL's unique_violation: here, another open ticket for the same device and failure mode. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Moves a technician may make on a ticket assigned to them. */
    private static final Set<TicketStatus> TECHNICIAN_MOVES = EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED);

    private final TicketQueries queries;
    private final ProductCatalog catalog;

    public TicketWorkflow(TicketQueries queries, ProductCatalog catalog) {
        this.queries = queries;
        this.catalog = catalog;
    }

    /** A request to move a ticket to {@code to}; outcome (and part, for PART_REPLACED) only when resolving. */
    public record Transition(TicketStatus to, String note, Outcome outcome, String part) {}

    /** A request to assign a ticket to {@code technicianId}, or to the best qualified technician when {@code auto}. */
    public record Assignment(String technicianId, boolean auto, String note) {}

    /** A committed change: the ticket as it is now and what happened to it. */
    public record Change(JsonObject ticket, String fromStatus, String actor, Instant at, JsonObject assignment) {}

    public Change transition(Connection connection, Caller caller, String ticketId, int expectedVersion,
            Transition request) throws SQLException {
        return inTransaction(connection, c -> {
            JsonObject ticket = lockVisible(connection, caller, ticketId, expectedVersion);
            TicketStatus from = TicketStatus.fromWire(ticket.getString("status"));
            TicketStatus to = request.to();
            if (to == TicketStatus.ASSIGNED) {
                throw illegal(from, to, "assign with POST /api/v1/tickets/" + ticketId + "/assignment");
            }
            if (!from.canMoveTo(to)) {
                throw illegal(from, to, null);
            }
            if (caller.role() == Role.TECHNICIAN && !TECHNICIAN_MOVES.contains(to)) {
                throw ApiProblem.forbidden("a technician may only start and resolve their tickets");
            }
            if (to == TicketStatus.IN_PROGRESS && ticket.getString("assignedTechnician") == null) {
                throw illegal(from, to, "nobody is assigned; assign a technician first");
            }
            Outcome outcome = checkedOutcome(ticket, request);
            Instant at = queries.slaClock().now();
            update(connection, "UPDATE tickets SET status = ?, outcome = ?, outcome_part = ?, updated_at = ?"
                    + " WHERE ticket_id = ?", to.name(), outcome == null ? null : outcome.name(),
                    outcome == null ? null : request.part(), Timestamp.from(at), ticketId);
            appendEvent(connection, ticketId, at, caller.username(), from, to,
                    noteOf(request, outcome), ticket.getString("assignedTechnician"));
            return changed(connection, caller, ticketId, from, at, null);
        });
    }

    public Change assign(Connection connection, Caller caller, String ticketId, int expectedVersion,
            Assignment request) throws SQLException {
        return inTransaction(connection, c -> {
            JsonObject ticket = lockVisible(connection, caller, ticketId, expectedVersion);
            TicketStatus from = TicketStatus.fromWire(ticket.getString("status"));
            if (!from.canMoveTo(TicketStatus.ASSIGNED)) {
                throw illegal(from, TicketStatus.ASSIGNED, from.isResolved() ? "reopen it first" : null);
            }
            String current = ticket.getString("assignedTechnician");
            Dispatcher.Need need = new Dispatcher.Need(ticket.getString("region"), ticket.getString("requiredSkill"),
                    current);
            Dispatcher.Candidate chosen = request.auto()
                    ? autoChoice(connection, need)
                    : explicitChoice(connection, need, request.technicianId());
            String technicianId = chosen.technician().technicianId();
            Instant at = queries.slaClock().now();
            update(connection, "UPDATE tickets SET status = 'ASSIGNED', assigned_technician = ?, updated_at = ?"
                    + " WHERE ticket_id = ?", technicianId, Timestamp.from(at), ticketId);
            String how = (current == null ? "assigned to " : "reassigned from " + current + " to ") + technicianId
                    + (request.auto() ? " automatically" : "") + " (" + String.join("; ", chosen.reasons()) + ")";
            appendEvent(connection, ticketId, at, caller.username(), from, TicketStatus.ASSIGNED,
                    request.note() == null ? how : how + ": " + request.note(), technicianId);
            JsonObject assignment = new JsonObject()
                    .put("technicianId", technicianId)
                    .put("mode", request.auto() ? "AUTO" : "MANUAL")
                    .put("previousTechnicianId", current)
                    .put("qualified", chosen.qualified())
                    .put("reasons", new JsonArray(chosen.reasons()));
            return changed(connection, caller, ticketId, from, at, assignment);
        });
    }

    private static Dispatcher.Candidate autoChoice(Connection connection, Dispatcher.Need need) throws SQLException {
        List<Dispatcher.Candidate> ranked = Dispatcher.rank(need, TechnicianQueries.all(connection));
        return Dispatcher.best(ranked).orElseThrow(() -> {
            JsonArray refusals = new JsonArray();
            ranked.forEach(c -> refusals.add(new JsonObject()
                    .put("technicianId", c.technician().technicianId())
                    .put("reasons", new JsonArray(c.reasons()))));
            return new ApiProblem(409, "Conflict", "no technician qualifies: the ticket needs region " + need.region()
                    + " and skill " + need.requiredSkill() + " with capacity left" + (ranked.isEmpty() ? "; there are no technicians" : ""))
                    .with("candidates", refusals);
        });
    }

    /** A planner may pick anyone, qualified or not; the objections are recorded with the assignment. */
    private static Dispatcher.Candidate explicitChoice(Connection connection, Dispatcher.Need need, String technicianId)
            throws SQLException {
        Technician technician = TechnicianQueries.get(connection, technicianId)
                .orElseThrow(() -> ApiProblem.badRequest("no technician " + technicianId));
        if (technician.technicianId().equals(need.currentTechnician())) {
            throw new ApiProblem(409, "Conflict", "the ticket is already assigned to " + technicianId);
        }
        List<String> objections = Dispatcher.objections(need, technician);
        return objections.isEmpty()
                ? new Dispatcher.Candidate(technician, true, List.of("chosen by a planner"))
                : new Dispatcher.Candidate(technician, false, objections.stream().map(o -> "overrides: " + o).toList());
    }

    private JsonObject lockVisible(Connection connection, Caller caller, String ticketId, int expectedVersion)
            throws SQLException {
        JsonObject ticket = queries.find(connection, caller, ticketId, "FOR UPDATE OF t")
                .orElseThrow(() -> ApiProblem.notFound("no ticket " + ticketId));
        int version = ticket.getInteger("version");
        if (version != expectedVersion) {
            throw new ApiProblem(412, "Precondition Failed", "ticket " + ticketId + " changed since version "
                    + expectedVersion + "; it is at version " + version + " (" + ticket.getString("status")
                    + "): read it again").with("currentVersion", version);
        }
        return ticket;
    }

    /** The outcome a resolution records, checked against the catalog's parts of the ticket's failure mode. */
    private Outcome checkedOutcome(JsonObject ticket, Transition request) {
        if (request.to() != TicketStatus.RESOLVED) {
            if (request.outcome() != null || request.part() != null) {
                throw ApiProblem.badRequest("outcome and part belong to a move to RESOLVED only");
            }
            return null;
        }
        Outcome outcome = request.outcome();
        if (outcome == null) {
            throw ApiProblem.badRequest("resolving needs an outcome: FAILURE_CONFIRMED, NO_FAULT_FOUND,"
                    + " PART_REPLACED (with part) or PREVENTIVE_SERVICE_DONE");
        }
        if (outcome != Outcome.PART_REPLACED) {
            if (request.part() != null) {
                throw ApiProblem.badRequest("part is recorded with outcome PART_REPLACED only");
            }
            return outcome;
        }
        if (request.part() == null) {
            throw ApiProblem.badRequest("outcome PART_REPLACED needs the part that was replaced");
        }
        // Failure modes the catalog does not know (another catalog, a preventive plan) accept any part name.
        Optional<List<String>> parts = catalog.model(ticket.getString("productModel"))
                .flatMap(model -> model.failureMode(ticket.getString("failureMode")))
                .map(FailureMode::parts);
        if (parts.isPresent() && !parts.get().contains(request.part())) {
            throw ApiProblem.badRequest("part " + request.part() + " is not a part of failure mode "
                    + ticket.getString("failureMode") + "; one of " + parts.get())
                    .with("parts", new JsonArray(parts.get()));
        }
        return outcome;
    }

    private static String noteOf(Transition request, Outcome outcome) {
        if (outcome == null) {
            return request.note();
        }
        String verdict = "outcome " + outcome + (request.part() == null ? "" : " (" + request.part() + ")");
        return request.note() == null ? verdict : verdict + ": " + request.note();
    }

    private static ApiProblem illegal(TicketStatus from, TicketStatus to, String hint) {
        JsonArray allowed = new JsonArray();
        from.next().forEach(state -> allowed.add(state.name()));
        return new ApiProblem(409, "Conflict", "a ticket in " + from + " cannot move to " + to + "; allowed: "
                + from.next() + (hint == null ? "" : "; " + hint))
                .with("currentStatus", from.name())
                .with("allowed", allowed);
    }

    private Change changed(Connection connection, Caller caller, String ticketId, TicketStatus from, Instant at,
            JsonObject assignment) throws SQLException {
        // Read unscoped: the change is committed by someone allowed to make it, whatever the ticket's new scope.
        JsonObject ticket = queries.find(connection, staff(caller), ticketId, "").orElseThrow();
        return new Change(ticket, from.name(), caller.username(), at, assignment);
    }

    private static Caller staff(Caller caller) {
        return new Caller(caller.username(), Role.PLANNER, null, null);
    }

    /** Appends an entry to the ticket's history (append-only; its trigger stops the SLA clocks a move stops). */
    public static void appendEvent(Connection connection, String ticketId, Instant at, String actor,
            TicketStatus from, TicketStatus to, String note, String technicianId) throws SQLException {
        update(connection, "INSERT INTO ticket_events (ticket_id, at, actor, from_status, to_status, note,"
                + " technician_id) VALUES (?, ?, ?, ?, ?, ?, ?)", ticketId, Timestamp.from(at), actor, from.name(),
                to.name(), note, technicianId);
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static Change inTransaction(Connection connection, Database.Work<Change> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Change change = work.run(connection);
            connection.commit();
            return change;
        } catch (SQLException e) {
            connection.rollback();
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ApiProblem(409, "Conflict", "another open ticket exists for this device and failure mode;"
                        + " work on that one instead");
            }
            throw e;
        } catch (RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
