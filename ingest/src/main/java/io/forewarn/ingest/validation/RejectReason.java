package io.forewarn.ingest.validation;

/** Why a telemetry message was rejected into the dead-letter stream. */
public enum RejectReason {
    /** Payload larger than {@link ValidationConfig#maxPayloadBytes()}. */
    OVERSIZE_PAYLOAD,
    /** Topic is not {@code devices/{deviceId}/telemetry}. */
    BAD_TOPIC,
    INVALID_UTF8,
    INVALID_JSON,
    /** The same key twice in one JSON object: which one counts would be ambiguous (and a spoofing vector). */
    DUPLICATE_FIELD,
    /** Valid JSON, but the document is not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or JSON {@code null}. */
    MISSING_FIELD,
    WRONG_TYPE,
    /** A field this schema version does not define; the schema is strict so typos are not silently dropped. */
    UNKNOWN_FIELD,
    UNKNOWN_SCHEMA_VERSION,
    /** NaN or ±Infinity, as a bare JSON token or a number too large for a double. */
    NOT_FINITE,
    /** Payload {@code deviceId} differs from the topic's device segment: one device speaking for another. */
    DEVICE_MISMATCH,
    UNKNOWN_PRODUCT_MODEL,
    /** A {@code mode} (schema version 2) that is not one of the product model's catalog operating modes. */
    UNKNOWN_MODE,
    /** A metric the catalog does not list for the product model. */
    UNKNOWN_METRIC,
    /** Declared unit differs from the catalog's unit for the sensor. */
    UNIT_MISMATCH,
    /** Outside the catalog's physicalMin..physicalMax: a broken sensor, not a failing product. */
    OUT_OF_PHYSICAL_RANGE,
    EVENT_TIME_IN_FUTURE,
    EVENT_TIME_TOO_OLD,
    /** Negative sequence number, or one beyond 64 bits. */
    INVALID_SEQUENCE,
    /** No metrics at all; devices may omit single sensors but must send at least one. */
    EMPTY_METRICS,
    /**
     * The device is not registered, under {@link UnknownDevicePolicy#REJECT}; decided by
     * {@link TelemetryDecodeFunction} with the job's {@link DeviceRegistry}, not by the decoder, which knows no fleet.
     */
    UNKNOWN_DEVICE,
    /**
     * Valid telemetry of a device that is not registered, under {@link UnknownDevicePolicy#QUARANTINE}: kept with its
     * full payload so it can be replayed once the device is registered.
     */
    QUARANTINED_UNKNOWN_DEVICE,
    /** The decoder itself failed on this input; a bug, kept as a dead letter so the job keeps running. */
    DECODER_ERROR
}
