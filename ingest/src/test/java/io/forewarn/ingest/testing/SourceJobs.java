package io.forewarn.ingest.testing;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttSource;
import io.forewarn.ingest.source.MqttSourceBuilder;
import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.validation.TelemetryDecodeFunction;
import io.forewarn.ingest.validation.ValidationConfig;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * What the job tests of the source share: the MiniCluster, the environment (two readers, checkpoints every
 * 500 ms), a QoS 1 source on a shared subscription, and the decode step the job puts after it.
 */
public final class SourceJobs {
    public static final int PARALLELISM = 2;
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);

    private SourceJobs() {}

    /**
     * One task manager with a slot per reader, reporting its jobs' metrics to {@link JobMetrics}; register with
     * {@code @RegisterExtension}.
     */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(JobMetrics.reporterConfiguration())
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(PARALLELISM)
                .build());
    }

    /** Two readers, checkpoints every 500 ms; a failure fails the job. */
    public static StreamExecutionEnvironment environment() {
        return configure(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    /** As {@link #environment()}, but the job restarts (up to 3 times, after 500 ms) from its last checkpoint. */
    public static StreamExecutionEnvironment restartingEnvironment() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return configure(StreamExecutionEnvironment.getExecutionEnvironment(conf));
    }

    private static StreamExecutionEnvironment configure(StreamExecutionEnvironment env) {
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        return env;
    }

    /**
     * Telemetry at QoS 1, acknowledged on checkpoint, through shared group {@code name} with client ids
     * {@code name-ingest-<n>} and five minutes of session expiry; further settings can be added.
     */
    public static MqttSourceBuilder qos1Source(String serverUri, String name) {
        return MqttSource.builder()
                .setServerUri(serverUri)
                .setTopicFilters(MqttSourceConfig.DEFAULT_TOPIC_FILTER)
                .setQos(1)
                .setSharedGroup(name)
                .setClientIdPrefix(name + "-ingest")
                .setSessionExpiry(Duration.ofMinutes(5));
    }

    /** The source followed by decoding and validation with the default limits, as in the job. */
    public static SingleOutputStreamOperator<TelemetryMessage> decoded(StreamExecutionEnvironment env, MqttSource source) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .process(new TelemetryDecodeFunction(ValidationConfig.defaults())).name("decode");
    }
}
