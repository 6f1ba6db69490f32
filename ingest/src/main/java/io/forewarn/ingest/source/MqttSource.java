package io.forewarn.ingest.source;

import io.forewarn.ingest.source.enumerator.MqttEnumeratorState;
import io.forewarn.ingest.source.enumerator.MqttEnumeratorStateSerializer;
import io.forewarn.ingest.source.enumerator.MqttSubscriptionEnumerator;
import io.forewarn.ingest.source.reader.MqttSourceReader;
import io.forewarn.ingest.source.split.MqttSubscriptionSplit;
import io.forewarn.ingest.source.split.MqttSubscriptionSplitSerializer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded Flink source reading MQTT 5 messages through Eclipse Paho.
 *
 * <p>Each parallel reader owns one split, {@code subscription-<n>}: one persistent MQTT session with client id
 * {@code <prefix>-<n>}. With a shared group the readers' sessions form one MQTT 5 shared subscription, so the
 * broker spreads the messages over them. With {@link AckMode#ON_CHECKPOINT} (the default) a QoS 1/2 message is
 * acknowledged to the broker only after the checkpoint covering it completes, which gives at-least-once delivery;
 * downstream drops duplicates by (device, seq).
 *
 * <pre>{@code
 * MqttSource source = MqttSource.builder()
 *         .setServerUri("tcp://localhost:1883")
 *         .setTopicFilters("devices/+/telemetry")
 *         .setQos(1)
 *         .setSharedGroup("forewarn-ingest")
 *         .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt");
 * }</pre>
 */
public final class MqttSource implements Source<MqttRecord, MqttSubscriptionSplit, MqttEnumeratorState>,
        ResultTypeQueryable<MqttRecord> {

    private static final long serialVersionUID = 1L;

    private final MqttSourceConfig config;

    MqttSource(MqttSourceConfig config) {
        this.config = config;
    }

    public static MqttSourceBuilder builder() {
        return new MqttSourceBuilder();
    }

    /** A source configured from the {@code FOREWARN_MQTT_*} environment variables. */
    public static MqttSource fromEnv() {
        return builder().setConfig(MqttSourceConfig.fromEnv()).build();
    }

    public MqttSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<MqttSubscriptionSplit, MqttEnumeratorState> createEnumerator(
            SplitEnumeratorContext<MqttSubscriptionSplit> context) {
        return new MqttSubscriptionEnumerator(context, MqttEnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<MqttSubscriptionSplit, MqttEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MqttSubscriptionSplit> context, MqttEnumeratorState checkpoint) {
        return new MqttSubscriptionEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MqttSubscriptionSplit> getSplitSerializer() {
        return new MqttSubscriptionSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new MqttEnumeratorStateSerializer();
    }

    @Override
    public SourceReader<MqttRecord, MqttSubscriptionSplit> createReader(SourceReaderContext readerContext) {
        return new MqttSourceReader(config, readerContext);
    }

    @Override
    public TypeInformation<MqttRecord> getProducedType() {
        return TypeInformation.of(MqttRecord.class);
    }
}
