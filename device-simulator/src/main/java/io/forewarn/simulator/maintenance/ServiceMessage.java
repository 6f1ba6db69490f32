package io.forewarn.simulator.maintenance;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * A resolved service ticket as the service side publishes it on {@code devices/{deviceId}/service}, e.g.
 * {@code {"type":"REPAIR","at":"2026-11-28T10:00:00Z","ticketId":"T-1234"}}. See device-simulator/README.md.
 *
 * @param type what the technician did
 * @param at when it took effect, in the telemetry's event time; null: at the device's next reading
 * @param ticketId the ticket it resolves, or null
 */
public record ServiceMessage(MaintenanceType type, Instant at, String ticketId) {
    // Unknown fields are ignored so the service side can add some (deviceId, technician, …) without breaking us.
    private static final ObjectReader READER = Json.mapper().readerFor(ServiceMessage.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String topicFor(String deviceId) {
        return "devices/" + deviceId + "/service";
    }

    /** Parses a message; a bad one is an IllegalArgumentException saying which field is wrong. */
    public static ServiceMessage parse(byte[] payload) {
        ServiceMessage message;
        try {
            message = READER.readValue(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid service message: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid service message: " + e.getMessage());
        }
        if (message == null || message.type() == null) {
            throw new IllegalArgumentException("invalid service message: field 'type' is required (REPAIR or PREVENTIVE_SERVICE)");
        }
        return message;
    }
}
