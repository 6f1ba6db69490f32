package io.forewarn.ingest.source.enumerator;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the enumerator checkpoints: how many sessions (splits) the source has and which are owned by a reader.
 *
 * @param splitCount number of splits created so far (the largest parallelism the source has run with)
 * @param assigned indexes of the splits that a reader owns (and keeps in its own state)
 */
public record MqttEnumeratorState(int splitCount, Set<Integer> assigned) {

    public MqttEnumeratorState {
        assigned = Set.copyOf(assigned);
    }

    public static MqttEnumeratorState empty() {
        return new MqttEnumeratorState(0, Set.of());
    }

    @Override
    public String toString() {
        return "MqttEnumeratorState[splitCount=" + splitCount + ", assigned=" + new TreeSet<>(assigned) + "]";
    }
}
