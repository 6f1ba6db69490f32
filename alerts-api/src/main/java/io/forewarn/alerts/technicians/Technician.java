package io.forewarn.alerts.technicians;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A field technician with their current load.
 *
 * @param openAssignments tickets assigned to them that are not resolved yet (ASSIGNED, IN_PROGRESS, REOPENED)
 */
public record Technician(String technicianId, String name, String region, List<String> skills, int capacity,
        int openAssignments) {

    /** Share of their capacity in use: 0 idle, 1 full. */
    public double load() {
        return (double) openAssignments / capacity;
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("technicianId", technicianId)
                .put("name", name)
                .put("region", region)
                .put("skills", new JsonArray(skills))
                .put("capacity", capacity)
                .put("openAssignments", openAssignments)
                .put("load", load());
    }
}
