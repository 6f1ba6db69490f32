package io.forewarn.alerts.tickets;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.forewarn.alerts.technicians.Dispatcher;
import io.forewarn.alerts.technicians.TechnicianQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/tickets}: the list and one ticket, its workflow (transitions, assignment, candidates), its
 * comments; and {@code /api/v1/sla/breaches}. Changes need the ticket's version in {@code If-Match}.
 */
public final class TicketRoutes {
    private final Database database;
    private final TicketQueries queries;
    private final TicketWorkflow workflow;
    private final TicketComments comments;
    private final TicketEvents events;

    public TicketRoutes(Database database, TicketQueries queries, TicketWorkflow workflow, TicketEvents events) {
        this.database = database;
        this.queries = queries;
        this.workflow = workflow;
        this.comments = new TicketComments(queries);
        this.events = events;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listTickets").addHandler(this::list);
        builder.getRoute("getTicket").addHandler(this::get);
        builder.getRoute("transitionTicket").addHandler(this::transition);
        builder.getRoute("assignTicket").addHandler(this::assign);
        builder.getRoute("listTicketCandidates").addHandler(this::candidates);
        builder.getRoute("listTicketComments").addHandler(this::listComments);
        builder.getRoute("addTicketComment").addHandler(this::addComment);
        builder.getRoute("listSlaBreaches").addHandler(this::breaches);
    }

    private void list(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        Instant openedFrom = params.queryInstant("openedFrom");
        Instant openedTo = params.queryInstant("openedTo");
        if (openedFrom != null && openedTo != null && !openedFrom.isBefore(openedTo)) {
            throw ApiProblem.badRequest("openedFrom must be before openedTo");
        }
        String slaState = params.query("slaState");
        var filter = new TicketQueries.Filter(params.query("status"), params.query("priority"),
                params.query("productModel"), params.query("deviceId"), params.query("region"),
                slaState == null ? null : SlaClock.State.fromWire(slaState), openedFrom, openedTo, null);
        var page = params.page();
        database.query(c -> queries.list(c, caller, filter, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }

    private void get(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String ticketId = RequestParams.of(rc).path("ticketId");
        database.query(c -> queries.get(c, caller, ticketId))
                .onSuccess(ticket -> ticket.ifPresentOrElse(
                        t -> okWithVersion(rc, 200, t),
                        () -> rc.fail(ApiProblem.notFound("no ticket " + ticketId))))
                .onFailure(rc::fail);
    }

    private void transition(RoutingContext rc) {
        Caller caller = requireWorker(Caller.of(rc));
        RequestParams params = RequestParams.of(rc);
        String ticketId = params.path("ticketId");
        int version = Versions.fromIfMatch(rc.request().getHeader("If-Match"));
        JsonObject body = params.body();
        String outcome = body.getString("outcome");
        var request = new TicketWorkflow.Transition(TicketStatus.fromWire(body.getString("status")),
                body.getString("note"), outcome == null ? null : Outcome.valueOf(outcome), body.getString("part"));
        database.query(c -> workflow.transition(c, caller, ticketId, version, request))
                .onSuccess(change -> {
                    events.publish(change);
                    okWithVersion(rc, 200, change.ticket());
                })
                .onFailure(rc::fail);
    }

    private void assign(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        if (!caller.role().isStaff()) {
            throw ApiProblem.forbidden("only planners and admins assign tickets");
        }
        RequestParams params = RequestParams.of(rc);
        String ticketId = params.path("ticketId");
        int version = Versions.fromIfMatch(rc.request().getHeader("If-Match"));
        JsonObject body = params.body();
        var request = new TicketWorkflow.Assignment(body.getString("technicianId"),
                body.getBoolean("auto", false), body.getString("note"));
        database.query(c -> workflow.assign(c, caller, ticketId, version, request))
                .onSuccess(change -> {
                    events.publish(change);
                    okWithVersion(rc, 200, change.ticket().copy().put("assignment", change.assignment()));
                })
                .onFailure(rc::fail);
    }

    private void candidates(RoutingContext rc) {
        Caller caller = Caller.of(rc).requireStaff();
        String ticketId = RequestParams.of(rc).path("ticketId");
        database.query(c -> {
                    JsonObject ticket = queries.find(c, caller, ticketId, "")
                            .orElseThrow(() -> ApiProblem.notFound("no ticket " + ticketId));
                    var need = new Dispatcher.Need(ticket.getString("region"), ticket.getString("requiredSkill"),
                            ticket.getString("assignedTechnician"));
                    List<Dispatcher.Candidate> ranked = Dispatcher.rank(need, TechnicianQueries.all(c));
                    JsonArray items = new JsonArray();
                    for (int i = 0; i < ranked.size(); i++) {
                        items.add(ranked.get(i).toJson(i + 1));
                    }
                    return new JsonObject()
                            .put("ticketId", ticketId)
                            .put("region", need.region())
                            .put("requiredSkill", need.requiredSkill())
                            .put("items", items);
                })
                .onSuccess(result -> Responses.ok(rc, result))
                .onFailure(rc::fail);
    }

    private void listComments(RoutingContext rc) {
        Caller caller = requireWorker(Caller.of(rc));
        String ticketId = RequestParams.of(rc).path("ticketId");
        database.query(c -> comments.list(c, caller, ticketId))
                .onSuccess(items -> Responses.ok(rc, new JsonObject().put("items", items)))
                .onFailure(rc::fail);
    }

    private void addComment(RoutingContext rc) {
        Caller caller = requireWorker(Caller.of(rc));
        RequestParams params = RequestParams.of(rc);
        String ticketId = params.path("ticketId");
        String body = params.body().getString("body");
        if (body.isBlank()) {
            throw ApiProblem.badRequest("a comment needs some text");
        }
        database.query(c -> comments.add(c, caller, ticketId, body))
                .onSuccess(comment -> Responses.json(rc, 201, comment))
                .onFailure(rc::fail);
    }

    private void breaches(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        String clock = params.query("clock");
        var filter = new SlaBreaches.Filter(clock == null ? null : SlaClock.Kind.valueOf(clock),
                params.query("priority"));
        var page = params.page();
        database.query(c -> SlaBreaches.list(c, caller, filter, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }

    /** Customers read their tickets but never work on them. */
    private static Caller requireWorker(Caller caller) {
        if (caller.role() == Role.CUSTOMER) {
            throw ApiProblem.forbidden("customers read their tickets but do not work on them");
        }
        return caller;
    }

    private static void okWithVersion(RoutingContext rc, int status, JsonObject ticket) {
        rc.response().putHeader("ETag", Versions.etag(ticket.getInteger("version")));
        Responses.json(rc, status, ticket);
    }
}
