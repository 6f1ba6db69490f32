package io.forewarn.ingest.source.reader;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Metrics of one reader, under the {@code mqtt} group: counters {@code messagesReceived} (from the broker),
 * {@code messagesAcknowledged}, {@code reconnects} and {@code ackFailures}; gauges {@code unacknowledgedMessages}
 * (emitted, waiting for a checkpoint to complete) and {@code queuedMessages}; the histogram
 * {@code ackLatencyMillis}, from a message's arrival to its PUBACK being handed to the client, over the last
 * {@value #ACK_LATENCY_WINDOW} acknowledgements; plus Flink's standard {@code numRecordsIn}. docs/ingest.md lists
 * them all.
 */
final class MqttSourceReaderMetrics {
    /** Acknowledgements the latency histogram keeps; a few checkpoints' worth at demo rates. */
    static final int ACK_LATENCY_WINDOW = 10_000;

    private final Counter recordsIn;
    private final Counter messagesReceived;
    private final Counter messagesAcknowledged;
    private final Counter reconnects;
    private final Counter ackFailures;
    private final Histogram ackLatency;

    MqttSourceReaderMetrics(SourceReaderMetricGroup group, IntSupplier unacknowledged, IntSupplier queued) {
        MetricGroup mqtt = group.addGroup("mqtt");
        this.recordsIn = group.getIOMetricGroup().getNumRecordsInCounter();
        this.messagesReceived = mqtt.counter("messagesReceived");
        this.messagesAcknowledged = mqtt.counter("messagesAcknowledged");
        this.reconnects = mqtt.counter("reconnects");
        this.ackFailures = mqtt.counter("ackFailures");
        // Thread-safe: acks are sent from the task thread (on checkpoint) or a Paho thread (on receipt).
        this.ackLatency = mqtt.histogram("ackLatencyMillis", new DescriptiveStatisticsHistogram(ACK_LATENCY_WINDOW));
        mqtt.gauge("unacknowledgedMessages", unacknowledged::getAsInt);
        mqtt.gauge("queuedMessages", queued::getAsInt);
    }

    void recordEmitted() {
        recordsIn.inc();
    }

    void messageReceived() {
        messagesReceived.inc();
    }

    /** A PUBACK went to the client for a message that arrived at {@code receivedAtMillis}. */
    void acknowledged(long receivedAtMillis) {
        messagesAcknowledged.inc();
        ackLatency.update(Math.max(0, System.currentTimeMillis() - receivedAtMillis));
    }

    void reconnected() {
        reconnects.inc();
    }

    void ackFailed() {
        ackFailures.inc();
    }

    Histogram ackLatency() {
        return ackLatency;
    }
}
