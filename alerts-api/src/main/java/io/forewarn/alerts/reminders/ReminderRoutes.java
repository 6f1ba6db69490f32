package io.forewarn.alerts.reminders;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /api/v1/reminders}. */
public final class ReminderRoutes {
    private final Database database;

    public ReminderRoutes(Database database) {
        this.database = database;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listReminders").addHandler(this::list);
    }

    private void list(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        var filter = new ReminderQueries.Filter(params.query("status"), params.query("deviceId"),
                params.query("customerId"));
        var page = params.page();
        database.query(c -> ReminderQueries.list(c, caller, filter, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }
}
