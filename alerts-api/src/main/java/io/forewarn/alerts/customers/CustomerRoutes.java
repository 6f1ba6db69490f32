package io.forewarn.alerts.customers;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET} and {@code PUT /api/v1/customers/{customerId}/preferences}. */
public final class CustomerRoutes {
    private final Database database;

    public CustomerRoutes(Database database) {
        this.database = database;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("getCustomerPreferences").addHandler(this::get);
        builder.getRoute("putCustomerPreferences").addHandler(this::put);
    }

    private void get(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String customerId = RequestParams.of(rc).path("customerId");
        database.query(c -> PreferenceQueries.get(c, caller, customerId))
                .onSuccess(prefs -> Responses.ok(rc, prefs.toJson()))
                .onFailure(rc::fail);
    }

    private void put(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        NotificationPreferences prefs = NotificationPreferences.fromRequest(params.path("customerId"), params.body());
        database.query(c -> PreferenceQueries.put(c, caller, prefs))
                .onSuccess(stored -> Responses.ok(rc, stored.toJson()))
                .onFailure(rc::fail);
    }
}
