package io.forewarn.ingest.source.enumerator;

import io.forewarn.ingest.source.split.MqttSubscriptionSplit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which reader owns which MQTT session: split {@code n} goes to subtask {@code n % parallelism}, so at
 * first start every reader gets the split with its own index.
 *
 * <p>Splits are never finished. A split comes back ({@link #addSplitsBack}) when its reader fails before a
 * checkpoint recorded it, and is handed out again when that reader registers anew. After a scale-down, readers
 * restore the extra splits from their state; after a scale-up, the new readers get new splits.
 */
public final class MqttSubscriptionEnumerator implements SplitEnumerator<MqttSubscriptionSplit, MqttEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSubscriptionEnumerator.class);

    private final SplitEnumeratorContext<MqttSubscriptionSplit> context;
    private final Set<Integer> assigned;
    private int splitCount;

    public MqttSubscriptionEnumerator(SplitEnumeratorContext<MqttSubscriptionSplit> context, MqttEnumeratorState state) {
        this.context = context;
        this.assigned = new HashSet<>(state.assigned());
        this.splitCount = state.splitCount();
    }

    @Override
    public void start() {
        // Splits are pushed when readers register; nothing to discover.
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignUnownedSplits(subtaskId);
    }

    @Override
    public void addSplitsBack(List<MqttSubscriptionSplit> splits, int subtaskId) {
        for (MqttSubscriptionSplit split : splits) {
            assigned.remove(split.index());
        }
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignUnownedSplits(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignUnownedSplits(subtaskId);
    }

    private void assignUnownedSplits(int subtaskId) {
        int parallelism = context.currentParallelism();
        splitCount = Math.max(splitCount, parallelism);
        List<MqttSubscriptionSplit> splits = new ArrayList<>();
        for (int index = 0; index < splitCount; index++) {
            if (index % parallelism == subtaskId && !assigned.contains(index)) {
                splits.add(new MqttSubscriptionSplit(index));
            }
        }
        for (MqttSubscriptionSplit split : splits) {
            context.assignSplit(split, subtaskId);
            assigned.add(split.index());
            LOG.info("Assigned MQTT split {} to subtask {}", split.splitId(), subtaskId);
        }
    }

    @Override
    public MqttEnumeratorState snapshotState(long checkpointId) {
        return new MqttEnumeratorState(splitCount, assigned);
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
