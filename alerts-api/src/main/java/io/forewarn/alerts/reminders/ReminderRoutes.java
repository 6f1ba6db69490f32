package io.forewarn.alerts.reminders;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.Instant;

/** {@code GET /api/v1/reminders}, and {@code POST /api/v1/reminders/{reminderId}/acknowledgement} by its customer. */
public final class ReminderRoutes {
    private final Database database;
    private final Clock clock;

    public ReminderRoutes(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listReminders").addHandler(this::list);
        builder.getRoute("acknowledgeReminder").addHandler(this::acknowledge);
    }

    private void acknowledge(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        if (caller.role() != Role.CUSTOMER) {
            throw ApiProblem.forbidden("only the customer a notice was sent to acknowledges it");
        }
        String reminderId = RequestParams.of(rc).path("reminderId");
        Instant now = clock.instant();
        database.query(c -> ReminderQueries.acknowledge(c, caller, reminderId, now))
                .onSuccess(ack -> Responses.ok(rc, ack))
                .onFailure(rc::fail);
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
