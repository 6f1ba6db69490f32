package io.forewarn.alerts.auth;

import io.forewarn.alerts.http.ApiProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/**
 * The authenticated user of a request, with the ids that scope what they may see.
 *
 * @param customerId set for customers
 * @param technicianId set for technicians
 */
public record Caller(String username, Role role, String customerId, String technicianId) {

    public Caller {
        if (role == Role.CUSTOMER && customerId == null) {
            throw new IllegalArgumentException("a customer needs a customerId");
        }
        if (role == Role.TECHNICIAN && technicianId == null) {
            throw new IllegalArgumentException("a technician needs a technicianId");
        }
    }

    /** The claims a token carries for this caller. */
    public JsonObject claims() {
        return new JsonObject()
                .put("sub", username)
                .put("role", role.wireName())
                .put("customerId", customerId)
                .put("technicianId", technicianId);
    }

    /** The caller of an authenticated request (the JWT handler has already checked the token). */
    public static Caller of(RoutingContext rc) {
        User user = rc.user();
        if (user == null) {
            throw new ApiProblem(401, "Unauthorized", "a valid bearer token is required");
        }
        String role = user.get("role");
        if (role == null) {
            throw new ApiProblem(401, "Unauthorized", "the token carries no role");
        }
        return new Caller(user.get("sub"), Role.fromWire(role), user.get("customerId"), user.get("technicianId"));
    }

    /** Planner and admin only; others get 403 (used for whole resources, not single objects). */
    public Caller requireStaff() {
        if (!role.isStaff()) {
            throw ApiProblem.forbidden("only planners and admins may read this");
        }
        return this;
    }
}
