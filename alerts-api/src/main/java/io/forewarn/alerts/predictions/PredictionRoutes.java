package io.forewarn.alerts.predictions;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /api/v1/predictions}. */
public final class PredictionRoutes {
    private final Database database;

    public PredictionRoutes(Database database) {
        this.database = database;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listPredictions").addHandler(this::list);
    }

    private void list(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        var filter = new PredictionQueries.Filter(params.query("deviceId"), params.query("productModel"),
                params.query("failureMode"), params.queryInstant("since"));
        var page = params.page();
        database.query(c -> PredictionQueries.list(c, caller, filter, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }
}
