package io.forewarn.alerts.notifications;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /api/v1/reminders/{reminderId}/deliveries}: where a reminder's delivery stands on each channel. */
public final class DeliveryRoutes {
    private final Database database;

    public DeliveryRoutes(Database database) {
        this.database = database;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listReminderDeliveries").addHandler(this::list);
    }

    private void list(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String reminderId = RequestParams.of(rc).path("reminderId");
        database.query(c -> DeliveryQueries.deliveriesOf(c, caller, reminderId))
                .onSuccess(body -> Responses.ok(rc, body))
                .onFailure(rc::fail);
    }
}
