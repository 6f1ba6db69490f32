package io.forewarn.ingest.testing;

import java.time.Instant;

/** Valid schema-version-1 telemetry payloads for tests that need many distinct, numbered messages. */
public final class TelemetryPayloads {
    private TelemetryPayloads() {}

    public static String device(int index) {
        return "ac-%04d".formatted(index);
    }

    public static String json(String deviceId, long seq, Instant eventTime) {
        return """
                {"schemaVersion":1,"deviceId":"%s","productModel":"AC-INV-12K","eventTime":"%s","seq":%d,
                 "metrics":{"compressor_current":{"value":4.2,"unit":"A"},"airflow":{"value":530,"unit":"m3/h"}}}"""
                .formatted(deviceId, eventTime, seq);
    }
}
