package io.forewarn.ingest.source;

import java.io.Serializable;

/**
 * One MQTT message as the source emits it, before any decoding.
 *
 * @param topic the topic it was published on (never the {@code $share/...} filter it matched)
 * @param payload the raw payload bytes
 * @param qos the QoS it was delivered with
 * @param receivedAtMillis wall-clock time the reader received it, epoch milliseconds
 */
public record MqttRecord(String topic, byte[] payload, int qos, long receivedAtMillis) implements Serializable {
    private static final long serialVersionUID = 1L;
}
