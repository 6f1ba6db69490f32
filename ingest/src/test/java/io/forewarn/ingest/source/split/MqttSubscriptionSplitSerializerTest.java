package io.forewarn.ingest.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MqttSubscriptionSplitSerializerTest {
    private final MqttSubscriptionSplitSerializer serializer = new MqttSubscriptionSplitSerializer();

    @Test
    void aSplitSurvivesItsSerializerWithItsId() throws IOException {
        MqttSubscriptionSplit split = new MqttSubscriptionSplit(7);

        MqttSubscriptionSplit restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(split));

        assertThat(restored).isEqualTo(split);
        assertThat(restored.splitId()).isEqualTo("subscription-7");
    }

    @Test
    void anUnknownVersionIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> serializer.deserialize(99, new byte[4])).isInstanceOf(IOException.class).hasMessageContaining("version 99");
    }
}
