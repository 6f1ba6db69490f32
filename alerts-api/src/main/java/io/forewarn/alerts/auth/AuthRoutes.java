package io.forewarn.alerts.auth;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.Problems;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** {@code POST /api/v1/auth/token}: exchanges a username and password for a bearer token. */
public final class AuthRoutes {
    private final Database database;
    private final TokenIssuer tokens;
    private final LoginRateLimiter limiter;

    public AuthRoutes(Database database, TokenIssuer tokens, LoginRateLimiter limiter) {
        this.database = database;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("issueToken").addHandler(this::issueToken);
    }

    private void issueToken(RoutingContext rc) {
        JsonObject body = RequestParams.of(rc).body();
        String username = body.getString("username");
        String password = body.getString("password");
        if (!limiter.tryAcquire(username, rc.request().remoteAddress().host())) {
            rc.response().putHeader("Retry-After", String.valueOf(limiter.retryAfterSeconds()));
            throw new ApiProblem(429, "Too Many Requests", "too many login attempts; try again later");
        }
        // PBKDF2 is deliberately slow: it runs on the worker pool with the lookup.
        database.query(connection -> UserAccounts.authenticate(connection, username, password))
                .onSuccess(caller -> caller.ifPresentOrElse(
                        c -> Responses.ok(rc, tokens.issue(c)),
                        () -> Problems.send(rc, 401, "Unauthorized", "unknown username or wrong password")))
                .onFailure(rc::fail);
    }
}
