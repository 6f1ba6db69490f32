package io.forewarn.ingest.testing;

import static org.awaitility.Awaitility.await;

import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.source.reader.MqttSourceReader;
import io.forewarn.ingest.source.split.MqttSubscriptionSplit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.io.InputStatus;

/**
 * A {@link MqttSourceReader} outside a job, owning split 0, driven by the test as Flink's task thread would
 * drive it: poll, snapshot, notify checkpoint complete.
 */
public final class StandaloneReader implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final MqttSourceReader reader;
    private final RecordingMetricGroup metrics = new RecordingMetricGroup();
    private final CollectingOutput<MqttRecord> output = new CollectingOutput<>();
    private long checkpointId;

    private StandaloneReader(MqttSourceConfig config) {
        reader = new MqttSourceReader(config, new TestReaderContext(0, metrics));
    }

    /** Connects and subscribes (the split assignment is what opens the MQTT session). */
    public static StandaloneReader open(MqttSourceConfig config) {
        StandaloneReader standalone = new StandaloneReader(config);
        standalone.reader.start();
        try {
            standalone.reader.addSplits(List.of(new MqttSubscriptionSplit(0)));
        } catch (RuntimeException e) {
            standalone.close();
            throw e;
        }
        return standalone;
    }

    public MqttSourceReader reader() {
        return reader;
    }

    public RecordingMetricGroup metrics() {
        return metrics;
    }

    /** Everything emitted so far, in order. */
    public List<MqttRecord> records() {
        return output.records;
    }

    /** Polls until {@code count} records in all were emitted; returns the payloads of all emitted so far. */
    public List<String> pollUntil(int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(POLL_INTERVAL).alias("reader to emit " + count + " messages").until(() -> {
            pollAvailable();
            return output.records.size() >= count;
        });
        return payloads();
    }

    /** Polls, taking and completing a checkpoint after each poll so acknowledgements flow, until {@code count} records. */
    public List<String> pollWithCheckpointsUntil(int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(POLL_INTERVAL).alias("reader to emit " + count + " messages, acknowledging").until(() -> {
            pollAvailable();
            checkpoint(true);
            return output.records.size() >= count;
        });
        return payloads();
    }

    /** Emits what is queued now, as Flink's task thread does while the reader says more is available. */
    private void pollAvailable() throws Exception {
        while (reader.pollNext(output) == InputStatus.MORE_AVAILABLE) {
            // keep polling
        }
    }

    /** Takes the next checkpoint; completes it when {@code complete}, as if the job failed before otherwise. */
    public void checkpoint(boolean complete) {
        checkpointId++;
        reader.snapshotState(checkpointId);
        if (complete) {
            reader.notifyCheckpointComplete(checkpointId);
        }
    }

    public List<String> payloads() {
        return output.records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
