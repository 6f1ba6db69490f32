package io.forewarn.alerts.tickets;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /api/v1/tickets} and {@code GET /api/v1/tickets/{ticketId}}. */
public final class TicketRoutes {
    private final Database database;
    private final TicketQueries queries;

    public TicketRoutes(Database database, TicketQueries queries) {
        this.database = database;
        this.queries = queries;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listTickets").addHandler(this::list);
        builder.getRoute("getTicket").addHandler(this::get);
    }

    private void list(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        var filter = new TicketQueries.Filter(params.query("status"), params.query("priority"),
                params.query("productModel"), params.query("deviceId"));
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
                        t -> Responses.ok(rc, t),
                        () -> rc.fail(ApiProblem.notFound("no ticket " + ticketId))))
                .onFailure(rc::fail);
    }
}
