package io.forewarn.launcher.bench;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The messages every measurement publishes, generated once before any of them: realistic telemetry of an
 * air conditioner (all seven sensors of {@code AC-INV-12K}, values in their normal ranges), about 400 bytes of
 * JSON each, from {@value #DEVICES} devices in turn, as the simulator's fleet would send it.
 */
final class TelemetryBacklog {
    static final int DEVICES = 1000;
    private static final String MODEL = "AC-INV-12K";

    private final String[] topics = new String[DEVICES];
    private final byte[][] payloads;

    private TelemetryBacklog(int messages, long seed) {
        ProductModel model = ProductCatalog.builtIn().require(MODEL);
        Random random = new Random(seed);
        Instant start = Instant.parse("2025-06-01T00:00:00Z");
        for (int d = 0; d < DEVICES; d++) {
            topics[d] = TelemetryMessage.topicFor(deviceId(d));
        }
        payloads = new byte[messages][];
        for (int i = 0; i < messages; i++) {
            int device = i % DEVICES;
            long seq = i / DEVICES + 1;
            Map<String, TelemetryMessage.Metric> metrics = new LinkedHashMap<>();
            for (SensorSpec sensor : model.sensors()) {
                double value = sensor.normalMin() + random.nextDouble() * (sensor.normalMax() - sensor.normalMin());
                metrics.put(sensor.name(), new TelemetryMessage.Metric(Math.round(value * 100) / 100.0, sensor.unit()));
            }
            TelemetryMessage message = new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, deviceId(device), MODEL,
                    start.plus(Duration.ofSeconds(60 * seq)), seq, metrics);
            payloads[i] = Json.write(message).getBytes(StandardCharsets.UTF_8);
        }
    }

    static TelemetryBacklog generate(int messages) {
        return new TelemetryBacklog(messages, 42);
    }

    int size() {
        return payloads.length;
    }

    String topic(int index) {
        return topics[index % DEVICES];
    }

    byte[] payload(int index) {
        return payloads[index];
    }

    double averagePayloadBytes() {
        long total = 0;
        for (byte[] payload : payloads) {
            total += payload.length;
        }
        return payloads.length == 0 ? 0 : (double) total / payloads.length;
    }

    private static String deviceId(int index) {
        return "bench-%04d".formatted(index);
    }
}
