package io.forewarn.contracts.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * A service visit as the service side publishes it on {@code devices/{deviceId}/service}, e.g.
 * {@code {"type":"REPAIR","phase":"FINISHED","at":"2026-11-28T10:00:00Z","ticketId":"T-1234"}}: the simulated
 * product changes when a visit is done, and the stream job holds back its decisions about a product while it is being
 * serviced. See docs/contracts/service-message.md.
 *
 * @param type what the technician did
 * @param phase STARTED when the technician begins, FINISHED when done; absent in the JSON: FINISHED (a resolution)
 * @param at when it happened, in the telemetry's event time; null: at the device's next reading
 * @param ticketId the ticket the visit works on, or null
 * @param deviceId the device, or null (the topic names it)
 * @param failureMode the catalog failure mode repaired, or null
 * @param planId the catalog maintenance plan carried out, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceMessage(
        MaintenanceType type,
        Phase phase,
        Instant at,
        String ticketId,
        String deviceId,
        String failureMode,
        String planId) implements java.io.Serializable {

    /** Whether the technician is starting or has finished. */
    public enum Phase { STARTED, FINISHED }

    // Unknown fields are ignored so the service side can add some (technician, notes, …) without breaking readers.
    private static final ObjectReader READER = Json.mapper().readerFor(ServiceMessage.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ServiceMessage {
        phase = phase == null ? Phase.FINISHED : phase;
    }

    public boolean finished() {
        return phase == Phase.FINISHED;
    }

    public ServiceMessage withDeviceId(String id) {
        return new ServiceMessage(type, phase, at, ticketId, id, failureMode, planId);
    }

    public static String topicFor(String deviceId) {
        return "devices/" + deviceId + "/service";
    }

    /** The device id in a service topic, or null when the topic is not one. */
    public static String deviceIdOf(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length != 3 || !parts[0].equals("devices") || !parts[2].equals("service") || parts[1].isEmpty()) {
            return null;
        }
        return parts[1];
    }

    /** Parses a message; a bad one is an {@link Invalid} saying what is wrong and with which field. */
    public static ServiceMessage parse(byte[] payload) {
        if (payload == null || new String(payload, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new Invalid(Problem.INVALID_JSON, null, "empty payload");
        }
        ServiceMessage message;
        try {
            message = READER.readValue(payload);
        } catch (StreamReadException e) {
            throw new Invalid(Problem.INVALID_JSON, null, "not JSON: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            String field = field(e);
            throw field == null
                    ? new Invalid(Problem.NOT_AN_OBJECT, null, "expected a JSON object")
                    : new Invalid(Problem.WRONG_TYPE, field, "field '" + field + "': " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new Invalid(Problem.INVALID_JSON, null, e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(Problem.INVALID_JSON, null, e.getMessage());
        }
        if (message == null) {
            throw new Invalid(Problem.NOT_AN_OBJECT, null, "expected a JSON object, got null");
        }
        if (message.type() == null) {
            throw new Invalid(Problem.MISSING_FIELD, "type", "field 'type' is required (REPAIR or PREVENTIVE_SERVICE)");
        }
        return message;
    }

    private static String field(JsonMappingException e) {
        return e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
    }

    /** What is wrong with a message; the names match the ingest's reject reasons. */
    public enum Problem { INVALID_JSON, NOT_AN_OBJECT, MISSING_FIELD, WRONG_TYPE }

    /** A service message that cannot be read: the problem, the field at fault (or null) and why. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;
        private final String field;

        public Invalid(Problem problem, String field, String detail) {
            super("invalid service message: " + detail);
            this.problem = problem;
            this.field = field;
        }

        public Problem problem() {
            return problem;
        }

        public String field() {
            return field;
        }
    }
}
