package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.ingest.testing.DeliveryLog;
import io.forewarn.ingest.testing.JobMetrics;
import io.forewarn.ingest.testing.SourceJobs;
import io.forewarn.ingest.testing.TestFleet;
import io.forewarn.ingest.testing.TestPublisher;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every broker must give the source: a job that fails mid-stream restores from its last checkpoint, the
 * restarted readers resume their persistent sessions, and the broker redelivers what was never acknowledged.
 * A subclass per broker supplies it.
 */
abstract class JobFailureRecoveryContract {
    private static final TestFleet FLEET = new TestFleet(20, 100);
    private static final int FAIL_AT = 800;

    @RegisterExtension
    static final MiniClusterExtension FLINK = SourceJobs.miniCluster();

    private final DeliveryLog deliveries = DeliveryLog.create(getClass().getSimpleName());

    /** The broker under test, started for the class. */
    abstract String brokerUri();

    @Test
    void afterAJobFailureAndRestoreEveryMessageArrivesAtLeastOnceAndExactlyOnceAfterDedupe() throws Exception {
        StreamExecutionEnvironment env = SourceJobs.restartingEnvironment();
        MqttSource source = SourceJobs.qos1Source(brokerUri(), "recovery").build();
        SourceJobs.decoded(env, source)
                .map(deliveries.recorder()).name("record")
                .map(deliveries.failOnceAt(FAIL_AT)).name("fail-once")
                .sinkTo(new DiscardingSink<>());

        String name = getClass().getSimpleName();
        JobClient job = env.executeAsync(name);
        try (TestPublisher publisher = new TestPublisher(brokerUri(), "recovery-publisher")) {
            TestFleet.awaitSubscribed(publisher, "probe", deliveries);
            FLEET.publishAll(publisher);
            FLEET.awaitEveryMessage(deliveries, Duration.ofSeconds(120));
            // Every message was acknowledged by the attempt whose checkpoint covered it, once that checkpoint completed.
            await().atMost(Duration.ofSeconds(30)).alias("every fleet message acknowledged")
                    .until(() -> JobMetrics.sum(name, "Source: mqtt", "mqtt.messagesAcknowledged") >= FLEET.messages());
        } finally {
            job.cancel().get();
        }

        assertThat(deliveries.failedOn()).as("the job failed once").isNotNull();
        // Dedupe by (device, seq), as streaming-jobs does: exactly the published set, nothing invented.
        FLEET.assertEveryMessageArrivedAtLeastOnce(deliveries);
        // The failing message never reached a checkpoint, so it was never acknowledged and came again.
        assertThat(deliveries.deliveries(deliveries.failedOn())).as("deliveries of " + deliveries.failedOn()).isGreaterThanOrEqualTo(2);
    }
}
