package io.forewarn.alerts.http;

import io.forewarn.alerts.db.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.concurrent.TimeUnit;

/** {@code GET /health} and {@code GET /openapi.yaml}: unauthenticated, for probes and API clients. */
public final class SystemRoutes {
    /** A probe must answer quickly even when the connection pool is exhausted. */
    private static final long HEALTH_TIMEOUT_SECONDS = 5;

    private final Database database;
    private final String contractYaml;

    public SystemRoutes(Database database, String contractYaml) {
        this.database = database;
        this.contractYaml = contractYaml;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("getHealth").addHandler(this::health);
        builder.getRoute("getOpenApiDocument").addHandler(this::contract);
    }

    private void health(RoutingContext rc) {
        database.query(connection -> {
                    try (var statement = connection.prepareStatement("SELECT 1");
                            var rs = statement.executeQuery()) {
                        return rs.next() && rs.getInt(1) == 1;
                    }
                })
                .timeout(HEALTH_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .onSuccess(up -> Responses.ok(rc, new JsonObject().put("status", "UP").put("database", "UP")))
                .onFailure(e -> Problems.send(rc, 503, "Service Unavailable",
                        "the database does not answer: " + e.getMessage()));
    }

    private void contract(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(contractYaml);
    }
}
