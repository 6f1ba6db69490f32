package io.forewarn.alerts.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** The parameters of a request as validated (and typed) against the OpenAPI contract. */
public final class RequestParams {
    private final ValidatedRequest validated;

    private RequestParams(ValidatedRequest validated) {
        this.validated = validated;
    }

    public static RequestParams of(RoutingContext rc) {
        ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        if (validated == null) {
            throw new IllegalStateException("route " + rc.request().path() + " was not validated against the contract");
        }
        return new RequestParams(validated);
    }

    public String query(String name) {
        return text(validated.getQuery(), name);
    }

    public String path(String name) {
        return text(validated.getPathParameters(), name);
    }

    public int queryInt(String name, int fallback) {
        Object value = raw(validated.getQuery(), name);
        return value instanceof Number n ? n.intValue() : fallback;
    }

    /** An optional date-time query parameter; a malformed one is a 400 problem naming it. */
    public Instant queryInstant(String name) {
        String value = query(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be an RFC 3339 date-time such as 2025-01-31T08:00:00Z, was '" + value + "'");
        }
    }

    public PageRequest page() {
        return new PageRequest(queryInt("limit", PageRequest.DEFAULT_LIMIT), query("cursor"));
    }

    public JsonObject body() {
        RequestParameter body = validated.getBody();
        return body == null || body.isNull() ? new JsonObject() : body.getJsonObject();
    }

    private static String text(Map<String, RequestParameter> params, String name) {
        Object value = raw(params, name);
        return value == null ? null : value.toString();
    }

    private static Object raw(Map<String, RequestParameter> params, String name) {
        RequestParameter param = params == null ? null : params.get(name);
        return param == null ? null : param.get();
    }
}
