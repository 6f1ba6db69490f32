package io.forewarn.alerts.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Successful JSON answers. */
public final class Responses {
    private Responses() {}

    public static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    public static void ok(RoutingContext rc, JsonObject body) {
        json(rc, 200, body);
    }
}
