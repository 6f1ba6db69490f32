package io.forewarn.ingest.source.enumerator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: split count, number of assigned splits, then their indexes, all as ints. */
public final class MqttEnumeratorStateSerializer implements SimpleVersionedSerializer<MqttEnumeratorState> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MqttEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.splitCount());
            out.writeInt(state.assigned().size());
            for (int index : state.assigned()) {
                out.writeInt(index);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public MqttEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown MqttEnumeratorState serializer version " + version + " (this build reads " + VERSION + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int splitCount = in.readInt();
            int n = in.readInt();
            Set<Integer> assigned = new HashSet<>();
            for (int i = 0; i < n; i++) {
                assigned.add(in.readInt());
            }
            if (in.available() != 0) {
                throw new IOException("corrupt MqttEnumeratorState: " + in.available() + " trailing bytes");
            }
            return new MqttEnumeratorState(splitCount, assigned);
        }
    }
}
