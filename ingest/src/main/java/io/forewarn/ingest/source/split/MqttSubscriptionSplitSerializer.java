package io.forewarn.ingest.source.split;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes a split to checkpoints as its index (four bytes, version 1). */
public final class MqttSubscriptionSplitSerializer implements SimpleVersionedSerializer<MqttSubscriptionSplit> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MqttSubscriptionSplit split) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(split.index()).array();
    }

    @Override
    public MqttSubscriptionSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown MqttSubscriptionSplit serializer version " + version + " (this build reads " + VERSION + ")");
        }
        if (serialized.length != Integer.BYTES) {
            throw new IOException("corrupt MqttSubscriptionSplit: " + serialized.length + " bytes, expected " + Integer.BYTES);
        }
        return new MqttSubscriptionSplit(ByteBuffer.wrap(serialized).getInt());
    }
}
