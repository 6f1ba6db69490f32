package io.forewarn.alerts.http;

import io.vertx.core.json.JsonObject;

/** A failure the client caused or must know about, answered as an RFC 9457 problem with this status. */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final JsonObject extensions = new JsonObject();

    public ApiProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Adds an RFC 9457 extension member (e.g. the allowed next states), so clients need not parse the detail. */
    public ApiProblem with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public JsonObject extensions() {
        return extensions;
    }
}
