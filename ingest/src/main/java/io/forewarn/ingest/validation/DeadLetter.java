package io.forewarn.ingest.validation;

import java.time.Instant;

/**
 * A rejected telemetry message with the context needed to find out why: where it came from, the reason code,
 * the offending field and the raw payload.
 *
 * @param topic the MQTT topic it arrived on
 * @param deviceId the device segment of the topic, or null when the topic is not a telemetry topic
 * @param reason the reason code
 * @param field the offending field as a dotted path ({@code metrics.airflow.unit}), or null when no single field is at fault
 * @param detail a human-readable explanation
 * @param payload the raw payload
 * @param receivedAt when the source received it
 */
public record DeadLetter(
        String topic,
        String deviceId,
        RejectReason reason,
        String field,
        String detail,
        byte[] payload,
        Instant receivedAt) implements Decoded {

    @Override
    public String toString() {
        return "DeadLetter[" + reason + (field == null ? "" : " " + field) + " topic=" + topic + ": " + detail + "]";
    }
}
