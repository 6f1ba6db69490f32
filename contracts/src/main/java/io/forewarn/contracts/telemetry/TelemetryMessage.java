package io.forewarn.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One reading of a connected product, published as JSON on {@code devices/{deviceId}/telemetry}.
 * See docs/contracts/telemetry.md for the versioning rules.
 *
 * @param schemaVersion wire-format version, {@link #OLDEST_SCHEMA_VERSION} to {@link #SCHEMA_VERSION}
 * @param deviceId must equal the {deviceId} segment of the topic it arrived on
 * @param productModel catalog id of the product model, e.g. {@code AC-INV-12K}
 * @param eventTime when the device measured, UTC
 * @param seq per-device sequence number, increasing by one per message; used to drop redelivered duplicates
 * @param mode the catalog operating mode the product was in (schema version 2); null when the device does not say,
 *             which counts as monitored
 * @param metrics sensor name to value and declared unit
 */
public record TelemetryMessage(
        int schemaVersion,
        String deviceId,
        String productModel,
        Instant eventTime,
        long seq,
        @JsonInclude(JsonInclude.Include.NON_NULL) String mode,
        Map<String, Metric> metrics) {

    /** The version this build writes: version 1 plus the optional {@code mode}. */
    public static final int SCHEMA_VERSION = 2;
    /** The oldest version this build still reads. */
    public static final int OLDEST_SCHEMA_VERSION = 1;

    /** A reading that does not say its operating mode. */
    public TelemetryMessage(int schemaVersion, String deviceId, String productModel, Instant eventTime, long seq,
                            Map<String, Metric> metrics) {
        this(schemaVersion, deviceId, productModel, eventTime, seq, null, metrics);
    }

    public static String topicFor(String deviceId) {
        return "devices/" + deviceId + "/telemetry";
    }

    /** The device id in a telemetry topic, or null when the topic is not a telemetry topic. */
    public static String deviceIdOf(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length != 3 || !parts[0].equals("devices") || !parts[2].equals("telemetry") || parts[1].isEmpty()) {
            return null;
        }
        return parts[1];
    }

    /** A measured value with the unit the device declares for it. */
    public record Metric(double value, String unit) {}
}
