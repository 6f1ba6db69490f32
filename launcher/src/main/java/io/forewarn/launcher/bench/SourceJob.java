package io.forewarn.launcher.bench;

import io.forewarn.ingest.source.AckMode;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.source.MqttSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The source under test: a local MiniCluster job, {@link MqttSource} followed by a sink that only counts, with
 * one reader per backlog session (the source names its sessions {@code <prefix>-<n>}, as the backlog does) and
 * checkpoints at the given interval, after which QoS 1 messages are acknowledged.
 */
final class SourceJob implements AutoCloseable {
    private final JobClient job;

    private SourceJob(JobClient job) {
        this.job = job;
    }

    static SourceJob start(String uri, BacklogSessions sessions, int qos, int receiveMaximum, Duration checkpointInterval,
            String counterName) throws Exception {
        int parallelism = sessions.clientIds().size();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        env.enableCheckpointing(checkpointInterval.toMillis());
        MqttSource source = MqttSource.builder()
                .setServerUri(uri)
                .setTopicFilters(BacklogSessions.TOPIC_FILTER)
                .setQos(qos)
                .setSharedGroup(sessions.group())
                .setClientIdPrefix(sessions.group())
                .setSessionExpiry(Duration.ofSeconds(BacklogSessions.EXPIRY_SECONDS))
                .setReceiveMaximum(receiveMaximum)
                .setAckMode(AckMode.ON_CHECKPOINT)
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .sinkTo(new CountingSink(counterName)).name("count");
        return new SourceJob(env.executeAsync("bench-ingest-" + sessions.group()));
    }

    @Override
    public void close() throws Exception {
        job.cancel().get(60, TimeUnit.SECONDS);
    }

    /** Counts every record on its subtask's connection; chained to the reader, so the subtask is the reader's. */
    private record CountingSink(String counterName) implements Sink<MqttRecord> {
        @Override
        public SinkWriter<MqttRecord> createWriter(WriterInitContext context) {
            ReceiptCounter counter = ReceiptCounter.named(counterName);
            int subtask = context.getTaskInfo().getIndexOfThisSubtask();
            return new SinkWriter<>() {
                @Override
                public void write(MqttRecord record, Context writeContext) {
                    counter.received(subtask, record.qos());
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
