package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.JobConfig;
import io.forewarn.jobs.stores.StoreOutage;
import io.forewarn.jobs.stores.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store goes away for more than a minute in the middle of a stream and comes back: a Flink job with
 * checkpoints writes numbered readings through the telemetry sink into a real QuestDB, reached through a
 * pass-through that first refuses connections (30 s) and then swallows them without an answer (35 s, so writes
 * time out). The sink holds the stream up while it retries, gives up after 20 s, the job restores its last
 * checkpoint and replays (re-sending readings the store already has), until the store is back. Afterwards every
 * reading is in the store exactly once: nothing checkpointed is lost, and the deduplicated table absorbs the
 * re-sent batches.
 */
class TelemetryOutageTest {
    static final int READINGS = 6_000;
    static final int DEVICES = 20;
    static final int PARALLELISM = 2;
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration REFUSED = Duration.ofSeconds(30);
    static final Duration BLACKHOLED = Duration.ofSeconds(35);
    /** Readers opened, counted across restarts: more than one per subtask means the job restored a checkpoint. */
    static final AtomicInteger READERS_OPENED = new AtomicInteger();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());

    @TempDir
    Path temp;

    @Test
    void everyReadingIsStoredExactlyOnce_whenTheStoreIsUnreachableForOverAMinuteMidStream() throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try (TimeSeriesStore questDb = TimeSeriesStore.start(temp.resolve("questdb"));
             StoreOutage outage = StoreOutage.to(questDb.httpPort())) {
            questDb.createTelemetryTable();
            JobConfig config = JobConfig.fromEnv(Map.of(
                    "FOREWARN_INFLUX_URL", "http://127.0.0.1:" + outage.port(),
                    "FOREWARN_INFLUX_BATCH_SIZE", "100",
                    "FOREWARN_INFLUX_FLUSH_INTERVAL", "PT0.5S",
                    "FOREWARN_INFLUX_GIVE_UP_AFTER", "PT20S"));

            JobClient job = start(config);
            await("the first readings stored").atMost(Duration.ofSeconds(60))
                    .until(() -> questDb.count(TelemetrySink.MEASUREMENT), n -> n >= 1_000);
            outage.refuse();
            long storedWhenItWentDown = questDb.count(TelemetrySink.MEASUREMENT);
            clock.schedule(() -> switchTo(outage::blackhole), REFUSED.toMillis(), TimeUnit.MILLISECONDS);
            clock.schedule(() -> switchTo(outage::restore), REFUSED.plus(BLACKHOLED).toMillis(), TimeUnit.MILLISECONDS);
            long down = System.nanoTime();

            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);

            assertThat(Duration.ofNanos(System.nanoTime() - down)).as("the job ran through the whole outage")
                    .isGreaterThan(REFUSED.plus(BLACKHOLED));
            assertThat(storedWhenItWentDown).as("the outage began mid-stream").isLessThan(READINGS);
            assertThat(READERS_OPENED.get()).as("the job gave up on the store and restored a checkpoint at least once")
                    .isGreaterThan(PARALLELISM);
            await("every reading applied by QuestDB").atMost(Duration.ofSeconds(60))
                    .until(() -> questDb.count(TelemetrySink.MEASUREMENT), n -> n >= READINGS);
            // A (device, minute) is one reading number, and the table keeps one row per device and timestamp.
            assertThat(questDb.rows("SELECT count(), cast(sum(reading) AS LONG), cast(min(reading) AS LONG),"
                    + " cast(max(reading) AS LONG) FROM telemetry"))
                    .as("each of the numbered readings once")
                    .containsExactly(List.of(String.valueOf(READINGS), String.valueOf((long) READINGS * (READINGS - 1) / 2), "0",
                            String.valueOf(READINGS - 1)));
        } finally {
            clock.shutdownNow();
        }
    }

    private static JobClient start(JobConfig config) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(1_000);
        DataGeneratorSource<TelemetryMessage> readings = new DataGeneratorSource<>(new NumberedReadings(), READINGS,
                RateLimiterStrategy.perSecond(200), TypeInformation.of(TelemetryMessage.class));
        env.fromSource(readings, WatermarkStrategy.noWatermarks(), "numbered-readings")
                .sinkTo(new TelemetrySink(config.timeSeries())).name("telemetry-to-time-series");
        return env.executeAsync("telemetry-through-an-outage");
    }

    private static void switchTo(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Reading {@code n}: device {@code n mod 20}, one a minute per device, carrying its number as a field. */
    private static final class NumberedReadings implements GeneratorFunction<Long, TelemetryMessage> {
        @Override
        public void open(SourceReaderContext readerContext) {
            READERS_OPENED.incrementAndGet();
        }

        @Override
        public TelemetryMessage map(Long n) {
            long seq = n / DEVICES + 1;
            return new TelemetryMessage(1, "outage-%02d".formatted(n % DEVICES), "AC-INV-12K", START.plus(Duration.ofMinutes(seq)),
                    seq, Map.of("reading", new TelemetryMessage.Metric(n, "1")));
        }
    }
}
