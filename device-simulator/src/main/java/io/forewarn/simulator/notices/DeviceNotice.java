package io.forewarn.simulator.notices;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.forewarn.contracts.Json;
import java.io.IOException;

/**
 * A proactive maintenance notice for the customer, as the service side publishes it on {@code devices/{deviceId}/notices},
 * e.g. {@code {"title":"Your air conditioner needs a service","body":"…","language":"en"}}. See device-simulator/README.md.
 *
 * @param title one line, shown first
 * @param body the full text
 * @param language the customer's language, {@code zh} or {@code en}
 */
public record DeviceNotice(String title, String body, String language) {
    // Unknown fields are ignored so the service side can add some (noticeId, issuedAt, …) without breaking devices.
    private static final ObjectReader READER = Json.mapper().readerFor(DeviceNotice.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String topicFor(String deviceId) {
        return "devices/" + deviceId + "/notices";
    }

    /** Parses a notice; a bad one is an IllegalArgumentException naming the missing or wrong field. */
    public static DeviceNotice parse(byte[] payload) {
        DeviceNotice notice;
        try {
            notice = READER.readValue(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid notice: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid notice: " + e.getMessage());
        }
        if (notice == null) throw new IllegalArgumentException("invalid notice: empty payload");
        requireText(notice.title(), "title");
        requireText(notice.body(), "body");
        requireText(notice.language(), "language");
        return notice;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("invalid notice: field '" + field + "' is required");
    }
}
