package io.forewarn.launcher.evaluation;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.simulator.replay.ColumnMapping;
import io.forewarn.simulator.replay.RecordedDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A recorded dataset's readings as the MQTT source would deliver them, in event-time order: reading {@code index}
 * is the dataset's next one (a single source reader asks for them in order). Holds the file and mapping as plain
 * values, so the job's source can open the file on its task.
 */
final class RecordedReadings implements GeneratorFunction<Long, MqttRecord> {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String timestampColumn;
    private final String deviceColumn;
    private final String model;
    private final String modelColumn;
    private final LinkedHashMap<String, String> map;
    private final ProductCatalog catalog;
    private transient RecordedDataset.Readings readings;

    RecordedReadings(Path file, ColumnMapping mapping, ProductCatalog catalog) {
        this.file = file.toString();
        this.timestampColumn = mapping.timestampColumn();
        this.deviceColumn = mapping.deviceColumn();
        this.model = mapping.model();
        this.modelColumn = mapping.modelColumn();
        this.map = new LinkedHashMap<>(mapping.map());
        this.catalog = catalog;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        ColumnMapping mapping = new ColumnMapping(timestampColumn, deviceColumn, model, modelColumn, map);
        readings = RecordedDataset.scan(Path.of(file), mapping, catalog).readings();
    }

    @Override
    public MqttRecord map(Long index) {
        TelemetryMessage message = readings.next();
        if (message == null) {
            throw new IllegalStateException(file + " has fewer readings than when it was checked: it changed during the evaluation");
        }
        return new MqttRecord(TelemetryMessage.topicFor(message.deviceId()),
                Json.write(message).getBytes(StandardCharsets.UTF_8), 1, message.eventTime().toEpochMilli());
    }

    @Override
    public void close() {
        if (readings != null) readings.close();
    }
}
