package io.forewarn.launcher.evaluation;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The simulated fleet's telemetry as the MQTT source would deliver it, reading {@code index} being device
 * {@code index mod N}'s reading {@code index div N + 1}: all devices advance through time together.
 */
final class FleetReadings implements GeneratorFunction<Long, MqttRecord> {
    private static final long serialVersionUID = 1L;

    private final EvaluationConfig config;
    private transient List<SimulatedDevice> devices;

    FleetReadings(EvaluationConfig config) {
        this.config = config;
    }

    /** Readings per device over the evaluation span (every catalog model reports every 5 minutes). */
    static long readingsPerDevice(EvaluationConfig config, ProductCatalog catalog) {
        int interval = catalog.models().get(0).sampleIntervalSeconds();
        return config.span().toSeconds() / interval;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        devices = config.fleet(ProductCatalog.load()).devices();
    }

    @Override
    public MqttRecord map(Long index) {
        SimulatedDevice device = devices.get((int) (index % devices.size()));
        TelemetryMessage message = device.message(index / devices.size() + 1);
        return new MqttRecord(TelemetryMessage.topicFor(device.deviceId()),
                Json.write(message).getBytes(StandardCharsets.UTF_8), 1, message.eventTime().toEpochMilli());
    }
}
