package io.forewarn.alerts.devices;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code GET /api/v1/devices} and {@code GET /api/v1/devices/{deviceId}}. */
public final class DeviceRoutes {
    private final Database database;
    private final DeviceQueries queries;

    public DeviceRoutes(Database database, DeviceQueries queries) {
        this.database = database;
        this.queries = queries;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("listDevices").addHandler(this::list);
        builder.getRoute("getDevice").addHandler(this::get);
    }

    private void list(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        var filter = new DeviceQueries.Filter(params.query("productModel"), params.query("customerId"),
                params.query("region"));
        var page = params.page();
        database.query(c -> queries.list(c, caller, filter, page))
                .onSuccess(result -> Responses.ok(rc, result.toJson()))
                .onFailure(rc::fail);
    }

    private void get(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        String deviceId = RequestParams.of(rc).path("deviceId");
        database.query(c -> queries.get(c, caller, deviceId))
                .onSuccess(device -> device.ifPresentOrElse(
                        d -> Responses.ok(rc, d),
                        () -> rc.fail(ApiProblem.notFound("no device " + deviceId))))
                .onFailure(rc::fail);
    }
}
