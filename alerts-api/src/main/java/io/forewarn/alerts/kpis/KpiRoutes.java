package io.forewarn.alerts.kpis;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.Instant;

/** {@code GET /api/v1/kpis?from=&to=}: service KPIs of the tickets opened in the period (planners and admins). */
public final class KpiRoutes {
    private final Database database;
    private final Clock clock;

    public KpiRoutes(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("getKpis").addHandler(this::kpis);
    }

    private void kpis(RoutingContext rc) {
        Caller.of(rc).requireStaff();
        RequestParams params = RequestParams.of(rc);
        Instant from = params.queryInstant("from");
        Instant to = params.queryInstant("to");
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("from must be before to");
        }
        Instant now = clock.instant();
        database.query(c -> KpiQueries.compute(c, from, to, now))
                .onSuccess(kpis -> Responses.ok(rc, kpis))
                .onFailure(rc::fail);
    }
}
