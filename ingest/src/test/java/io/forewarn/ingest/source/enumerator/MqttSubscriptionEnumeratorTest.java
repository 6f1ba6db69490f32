package io.forewarn.ingest.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.ingest.source.split.MqttSubscriptionSplit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class MqttSubscriptionEnumeratorTest {

    @Test
    void eachReaderGetsTheSplitWithItsOwnIndexOnce() throws Exception {
        try (MockSplitEnumeratorContext<MqttSubscriptionSplit> context = new MockSplitEnumeratorContext<>(2)) {
            MqttSubscriptionEnumerator enumerator = new MqttSubscriptionEnumerator(context, MqttEnumeratorState.empty());
            enumerator.start();
            register(context, enumerator, 1);
            register(context, enumerator, 0);
            enumerator.handleSplitRequest(0, "localhost");

            assertThat(assigned(context)).isEqualTo(Map.of(0, List.of("subscription-0"), 1, List.of("subscription-1")));
            assertThat(enumerator.snapshotState(1)).isEqualTo(new MqttEnumeratorState(2, Set.of(0, 1)));
        }
    }

    @Test
    void aSplitHandedBackIsAssignedAgainWhenItsReaderReturns() throws Exception {
        try (MockSplitEnumeratorContext<MqttSubscriptionSplit> context = new MockSplitEnumeratorContext<>(2)) {
            MqttSubscriptionEnumerator enumerator = new MqttSubscriptionEnumerator(context, new MqttEnumeratorState(2, Set.of(0, 1)));
            context.unregisterReader(1);
            enumerator.addSplitsBack(List.of(new MqttSubscriptionSplit(1)), 1);
            assertThat(enumerator.snapshotState(2).assigned()).containsExactly(0);

            register(context, enumerator, 1);

            assertThat(assigned(context)).isEqualTo(Map.of(1, List.of("subscription-1")));
        }
    }

    @Test
    void restoredReadersKeepTheirSplitsAndNewReadersAfterScaleUpGetNewOnes() throws Exception {
        try (MockSplitEnumeratorContext<MqttSubscriptionSplit> context = new MockSplitEnumeratorContext<>(3)) {
            MqttSubscriptionEnumerator enumerator = new MqttSubscriptionEnumerator(context, new MqttEnumeratorState(2, Set.of(0, 1)));
            register(context, enumerator, 0);
            register(context, enumerator, 1);
            register(context, enumerator, 2);

            assertThat(assigned(context)).isEqualTo(Map.of(2, List.of("subscription-2")));
        }
    }

    @Test
    void theStateSurvivesItsSerializer() throws Exception {
        MqttEnumeratorStateSerializer serializer = new MqttEnumeratorStateSerializer();
        MqttEnumeratorState state = new MqttEnumeratorState(4, Set.of(0, 2, 3));

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state))).isEqualTo(state);
    }

    private static void register(MockSplitEnumeratorContext<MqttSubscriptionSplit> context, MqttSubscriptionEnumerator enumerator, int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    private static Map<Integer, List<String>> assigned(MockSplitEnumeratorContext<MqttSubscriptionSplit> context) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().entrySet().stream())
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.flatMapping(e -> e.getValue().stream().map(MqttSubscriptionSplit::splitId), Collectors.toList())));
    }
}
