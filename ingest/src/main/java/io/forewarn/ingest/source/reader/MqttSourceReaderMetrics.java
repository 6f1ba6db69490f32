package io.forewarn.ingest.source.reader;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

/**
 * Metrics of one reader, under the {@code mqtt} group: {@code messagesReceived} (from the broker),
 * {@code reconnects}, {@code ackFailures}, gauges {@code unacknowledgedMessages} (emitted, waiting for a
 * checkpoint to complete) and {@code queuedMessages}; plus Flink's standard {@code numRecordsIn}.
 */
final class MqttSourceReaderMetrics {
    private final Counter recordsIn;
    private final Counter messagesReceived;
    private final Counter reconnects;
    private final Counter ackFailures;

    MqttSourceReaderMetrics(SourceReaderMetricGroup group, IntSupplier unacknowledged, IntSupplier queued) {
        MetricGroup mqtt = group.addGroup("mqtt");
        this.recordsIn = group.getIOMetricGroup().getNumRecordsInCounter();
        this.messagesReceived = mqtt.counter("messagesReceived");
        this.reconnects = mqtt.counter("reconnects");
        this.ackFailures = mqtt.counter("ackFailures");
        mqtt.gauge("unacknowledgedMessages", unacknowledged::getAsInt);
        mqtt.gauge("queuedMessages", queued::getAsInt);
    }

    void recordEmitted() {
        recordsIn.inc();
    }

    void messageReceived() {
        messagesReceived.inc();
    }

    void reconnected() {
        reconnects.inc();
    }

    void ackFailed() {
        ackFailures.inc();
    }
}
