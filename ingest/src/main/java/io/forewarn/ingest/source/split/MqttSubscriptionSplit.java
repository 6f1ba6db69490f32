package io.forewarn.ingest.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One MQTT session of the source: the reader that owns split {@code n} connects as client {@code <prefix>-n}.
 * The split carries no position: the broker keeps it, in the persistent session's unacknowledged messages.
 *
 * @param index the session number, equal to the subtask index of the reader it was first assigned to
 */
public record MqttSubscriptionSplit(int index) implements SourceSplit {
    private static final String PREFIX = "subscription-";

    public MqttSubscriptionSplit {
        if (index < 0) {
            throw new IllegalArgumentException("split index must not be negative: " + index);
        }
    }

    @Override
    public String splitId() {
        return PREFIX + index;
    }
}
