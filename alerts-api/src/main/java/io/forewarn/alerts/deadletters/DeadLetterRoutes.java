package io.forewarn.alerts.deadletters;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /api/v1/dead-letters} and {@code /summary}: planners and admins only. */
public final class DeadLetterRoutes {
    private final Database database;

    public DeadLetterRoutes(Database database) {
        this.database = database;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listDeadLetters").addHandler(this::list);
        builder.getRoute("summarizeDeadLetters").addHandler(this::summary);
    }

    private void list(RoutingContext rc) {
        Caller.of(rc).requireStaff();
        RequestParams params = RequestParams.of(rc);
        String reason = params.query("reason");
        var page = params.page();
        database.query(c -> DeadLetterQueries.list(c, reason, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }

    private void summary(RoutingContext rc) {
        Caller.of(rc).requireStaff();
        database.query(DeadLetterQueries::summary)
                .onSuccess(summary -> Responses.ok(rc, summary))
                .onFailure(rc::fail);
    }
}
