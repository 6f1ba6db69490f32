package io.forewarn.ingest.source.reader;

import io.forewarn.ingest.source.AckMode;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.source.split.MqttSubscriptionSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the MQTT sessions of the splits assigned to one parallel instance of the source.
 *
 * <p>The Paho client threads push messages into a bounded {@link MessageHandover}; Flink's task thread polls it
 * in {@link #pollNext} and waits on {@link #isAvailable()} when it is empty. With {@link AckMode#ON_CHECKPOINT},
 * every emitted QoS 1/2 message is remembered in {@link PendingAcks} and acknowledged to the broker only when
 * the checkpoint that covers it completes: if the job fails before, the broker still holds the message and
 * redelivers it to the restarted reader (at-least-once). All methods run on the task thread.
 */
public final class MqttSourceReader implements SourceReader<MqttRecord, MqttSubscriptionSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceReader.class);

    private final MqttSourceConfig config;
    private final SourceReaderContext context;
    private final MessageHandover handover;
    private final PendingAcks<ReceivedMessage.Ack> pendingAcks = new PendingAcks<>();
    private final Map<Integer, MqttSession> sessions = new TreeMap<>();
    private final MqttSourceReaderMetrics metrics;
    /** Read by the metrics reporter thread. */
    private volatile int unacknowledged;
    private boolean checkpointSeen;
    private boolean warnedNoCheckpoints;

    public MqttSourceReader(MqttSourceConfig config, SourceReaderContext context) {
        this.config = config;
        this.context = context;
        this.handover = new MessageHandover(config.queueCapacity());
        this.metrics = new MqttSourceReaderMetrics(context.metricGroup(), () -> unacknowledged, handover::size);
    }

    @Override
    public void start() {
        // Sessions open when the enumerator assigns splits (addSplits), right after this reader registers.
    }

    @Override
    public void addSplits(List<MqttSubscriptionSplit> splits) {
        for (MqttSubscriptionSplit split : splits) {
            if (sessions.containsKey(split.index())) {
                continue;
            }
            MqttSession session = new MqttSession(config, split, handover, metrics);
            session.open();
            sessions.put(split.index(), session);
            LOG.info("Subtask {} reads MQTT split {} as {}", context.getIndexOfSubtask(), split.splitId(), session);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<MqttRecord> output) {
        ReceivedMessage message = handover.poll();
        if (message == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(message.record());
        metrics.recordEmitted();
        if (config.ackMode() == AckMode.ON_CHECKPOINT && message.needsAck()) {
            pendingAcks.emitted(message.ack());
            unacknowledged = pendingAcks.size();
            warnIfNothingIsEverAcknowledged();
        }
        return handover.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    private void warnIfNothingIsEverAcknowledged() {
        if (!checkpointSeen && !warnedNoCheckpoints && unacknowledged >= config.receiveMaximum()) {
            warnedNoCheckpoints = true;
            LOG.warn("{} messages emitted and no checkpoint yet: with ackMode ON_CHECKPOINT they are acknowledged only "
                    + "when a checkpoint completes, and the broker stops sending at the receive maximum ({}). "
                    + "Enable checkpointing or use ackMode ON_RECEIPT.", unacknowledged, config.receiveMaximum());
        }
    }

    @Override
    public List<MqttSubscriptionSplit> snapshotState(long checkpointId) {
        checkpointSeen = true;
        pendingAcks.checkpointTaken(checkpointId);
        List<MqttSubscriptionSplit> splits = new ArrayList<>();
        sessions.values().forEach(s -> splits.add(s.split()));
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        List<ReceivedMessage.Ack> done = pendingAcks.checkpointCompleted(checkpointId);
        for (ReceivedMessage.Ack ack : done) {
            ack.session().acknowledge(ack);
        }
        unacknowledged = pendingAcks.size();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return handover.availability();
    }

    @Override
    public void notifyNoMoreSplits() {
        // The enumerator never signals it: MQTT sessions do not end.
    }

    /** Leaves un-checkpointed messages unacknowledged: the broker redelivers them to the restarted reader. */
    @Override
    public void close() {
        handover.close();
        sessions.values().forEach(MqttSession::close);
        sessions.clear();
    }
}
