package io.forewarn.alerts.notifications;

import io.vertx.core.json.JsonObject;

/**
 * A service visit as the product hears of it on {@code devices/{deviceId}/service}:
 * {@code {"type":"REPAIR","ticketId":"…","deviceId":"…"}}. The format is the device side's (the simulator's
 * {@code ServiceMessage}); {@code at} is left out, so the visit takes effect at the product's next reading.
 *
 * @param type REPAIR (the fault is fixed) or PREVENTIVE_SERVICE (a wear process starts over)
 */
record ServiceVisitMessage(String type, String ticketId, String deviceId) {
    static final String REPAIR = "REPAIR";
    static final String PREVENTIVE_SERVICE = "PREVENTIVE_SERVICE";

    static String topicFor(String deviceId) {
        return "devices/" + deviceId + "/service";
    }

    /**
     * The message for a resolution with {@code outcome}, or null for NO_FAULT_FOUND: nothing was done to the
     * product, so nothing changes on it. An unknown or missing outcome counts as a repair.
     */
    static ServiceVisitMessage forOutcome(String outcome, String ticketId, String deviceId) {
        if ("NO_FAULT_FOUND".equals(outcome)) {
            return null;
        }
        String type = "PREVENTIVE_SERVICE_DONE".equals(outcome) ? PREVENTIVE_SERVICE : REPAIR;
        return new ServiceVisitMessage(type, ticketId, deviceId);
    }

    JsonObject toJson() {
        return new JsonObject().put("type", type).put("ticketId", ticketId).put("deviceId", deviceId);
    }
}
