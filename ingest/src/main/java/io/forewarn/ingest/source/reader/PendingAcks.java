package io.forewarn.ingest.source.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Messages emitted to Flink but not yet acknowledged to the broker, grouped by the checkpoint that covers them.
 *
 * <p>A message emitted before {@code snapshotState(c)} belongs to checkpoint {@code c}; it may be acknowledged
 * once {@code c} (or any later checkpoint, since completion notifications can be skipped) has completed. Acks
 * are handed out in arrival order. Not thread-safe: the reader's task thread calls all methods.
 *
 * @param <T> what identifies a message for its acknowledgement
 */
public final class PendingAcks<T> {
    private List<T> sinceLastCheckpoint = new ArrayList<>();
    private final TreeMap<Long, List<T>> byCheckpoint = new TreeMap<>();
    private int size;

    /** A message was emitted downstream. */
    public void emitted(T message) {
        sinceLastCheckpoint.add(message);
        size++;
    }

    /** Checkpoint {@code checkpointId} now covers every message emitted since the previous one. */
    public void checkpointTaken(long checkpointId) {
        if (!sinceLastCheckpoint.isEmpty()) {
            byCheckpoint.computeIfAbsent(checkpointId, id -> new ArrayList<>()).addAll(sinceLastCheckpoint);
            sinceLastCheckpoint = new ArrayList<>();
        }
    }

    /**
     * Removes and returns, in arrival order, the messages of every checkpoint up to and including
     * {@code checkpointId}. Messages of an aborted checkpoint stay until a later one completes.
     */
    public List<T> checkpointCompleted(long checkpointId) {
        Map<Long, List<T>> done = byCheckpoint.headMap(checkpointId, true);
        List<T> toAck = new ArrayList<>();
        done.values().forEach(toAck::addAll);
        done.clear();
        size -= toAck.size();
        return toAck;
    }

    /** Forgets every pending message, e.g. when the connection they were received on is gone. */
    public void clear() {
        sinceLastCheckpoint = new ArrayList<>();
        byCheckpoint.clear();
        size = 0;
    }

    /** Messages emitted and not yet handed out for acknowledgement. */
    public int size() {
        return size;
    }
}
