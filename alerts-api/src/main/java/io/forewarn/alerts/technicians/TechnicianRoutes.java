package io.forewarn.alerts.technicians;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.forewarn.alerts.tickets.TicketQueries;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * {@code /api/v1/technicians}: planners and admins see every technician and their load; a technician sees only
 * themself and their own assignments (anyone else's answer 404); customers may not read technicians.
 */
public final class TechnicianRoutes {
    private final Database database;
    private final TicketQueries tickets;

    public TechnicianRoutes(Database database, TicketQueries tickets) {
        this.database = database;
        this.tickets = tickets;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listTechnicians").addHandler(this::list);
        builder.getRoute("getTechnician").addHandler(this::get);
        builder.getRoute("listTechnicianAssignments").addHandler(this::assignments);
    }

    private void list(RoutingContext rc) {
        Caller.of(rc).requireStaff();
        RequestParams params = RequestParams.of(rc);
        var filter = new TechnicianQueries.Filter(params.query("region"), params.query("skill"));
        var page = params.page();
        database.query(c -> TechnicianQueries.list(c, filter, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }

    private void get(RoutingContext rc) {
        String technicianId = visibleTechnician(rc);
        database.query(c -> TechnicianQueries.get(c, technicianId))
                .onSuccess(technician -> technician.ifPresentOrElse(
                        t -> Responses.ok(rc, t.toJson()),
                        () -> rc.fail(notFound(technicianId))))
                .onFailure(rc::fail);
    }

    private void assignments(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String technicianId = visibleTechnician(rc);
        RequestParams params = RequestParams.of(rc);
        var filter = new TicketQueries.Filter(params.query("status"), null, null, null, null, null, null, null,
                technicianId);
        var page = params.page();
        database.query(c -> {
                    if (TechnicianQueries.get(c, technicianId).isEmpty()) {
                        throw notFound(technicianId);
                    }
                    return tickets.list(c, caller, filter, page);
                })
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }

    /** The technician of the path, if the caller may see them: 403 for customers, 404 for another technician. */
    private static String visibleTechnician(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String technicianId = RequestParams.of(rc).path("technicianId");
        if (caller.role() == Role.CUSTOMER) {
            throw ApiProblem.forbidden("customers may not read technicians");
        }
        if (caller.role() == Role.TECHNICIAN && !caller.technicianId().equals(technicianId)) {
            throw notFound(technicianId);
        }
        return technicianId;
    }

    private static ApiProblem notFound(String technicianId) {
        return ApiProblem.notFound("no technician " + technicianId);
    }
}
