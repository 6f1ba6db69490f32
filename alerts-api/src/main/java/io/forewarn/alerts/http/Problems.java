package io.forewarn.alerts.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every error as an RFC 9457 problem ({@code application/problem+json}), whatever raised it. */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";
    /** Problem types are URNs: stable identifiers that do not pretend to be pages. */
    private static final String TYPE_BASE = "urn:forewarn:problem:";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    public static void send(RoutingContext rc, int status, String title, String detail) {
        send(rc, status, title, detail, new JsonObject());
    }

    private static void send(RoutingContext rc, int status, String title, String detail, JsonObject extensions) {
        if (rc.response().ended()) {
            return;
        }
        JsonObject body = extensions.copy()
                .put("type", TYPE_BASE + slug(title))
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", rc.request().path());
        if (status == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
        }
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    public static void send(RoutingContext rc, ApiProblem problem) {
        send(rc, problem.status(), problem.title(), problem.detail(), problem.extensions());
    }

    /** The router's last failure handler: maps exceptions and bare status codes to problems. */
    public static Handler<RoutingContext> failureHandler() {
        return rc -> {
            Throwable failure = rc.failure();
            ValidatorException invalidRequest = causeOfType(failure, ValidatorException.class);
            if (failure instanceof ApiProblem problem) {
                send(rc, problem);
            } else if (invalidRequest != null) {
                // The request does not match the OpenAPI contract (the router may wrap the validator's exception).
                send(rc, 400, "Bad Request", invalidRequest.getMessage());
            } else if (failure instanceof HttpException http && http.getStatusCode() < 500) {
                sendStatus(rc, http.getStatusCode());
            } else if (failure == null && rc.statusCode() > 0 && rc.statusCode() < 500) {
                sendStatus(rc, rc.statusCode());
            } else {
                LOG.error("request {} {} failed", rc.request().method(), rc.request().path(), failure);
                send(rc, 500, "Internal Server Error", "the server could not complete the request");
            }
        };
    }

    /** Answers a bare status (no route, wrong method, missing token) with its standard problem. */
    public static Handler<RoutingContext> statusHandler(int status) {
        return rc -> sendStatus(rc, status);
    }

    private static void sendStatus(RoutingContext rc, int status) {
        switch (status) {
            case 401 -> send(rc, 401, "Unauthorized", "a valid bearer token is required");
            case 403 -> send(rc, 403, "Forbidden", "your role may not do this");
            case 404 -> send(rc, 404, "Not Found", "no resource at " + rc.request().path());
            case 405 -> send(rc, 405, "Method Not Allowed", rc.request().method() + " is not allowed here");
            case 413 -> send(rc, 413, "Content Too Large", "the request body is too large");
            case 415 -> send(rc, 415, "Unsupported Media Type", "send application/json");
            default -> send(rc, status, "HTTP " + status, "the request could not be completed");
        }
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
