package io.forewarn.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The storage write benchmarks' code, run small against the embedded stores: every writer stores every point and
 * gets a rate, and the replayed service records change no row. Not a timed test: nobody checks the figures here.
 */
class StorageWriteBenchmarksTest {

    @Test
    void everyWriterStoresEveryPointOfASmallFleet_andGetsARateAndACpuCost() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SinkWriteBenchmark.Result result = SinkWriteBenchmark.run(new SinkWriteBenchmark.Options(5_000, 50, 2, 1),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(result.points()).isEqualTo(5_000);
        assertThat(result.rates()).containsOnlyKeys(SinkWriteBenchmark.Writer.values());
        assertThat(result.rates().values()).allSatisfy(rate -> {
            assertThat(rate.pointsPerSecond()).isPositive();
            assertThat(rate.cpuMicrosPerPoint()).isPositive();
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("TelemetrySink, Flink job as configured", "target >= 0.8");
    }

    @Test
    void replayingTheServiceRecordsChangesNoRow_andBothPassesGetARate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        TicketWriteBenchmark.Result result = TicketWriteBenchmark.run(new TicketWriteBenchmark.Options(40, 2),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(result.records()).isEqualTo(200);
        assertThat(result.firstRate()).isPositive();
        assertThat(result.replayRate()).isPositive();
        assertThat(result.afterFirst()).containsOnlyKeys("predictions", "tickets", "ticket_events", "reminders");
        assertThat(result.afterFirst().get("predictions").rows()).isEqualTo(80);
        assertThat(result.afterFirst().get("tickets").rows()).isEqualTo(40);
        assertThat(result.afterFirst().get("ticket_events").rows()).as("opened and escalated").isEqualTo(80);
        assertThat(result.afterFirst().get("reminders").rows()).isEqualTo(40);
        assertThat(result.replayChangedNothing()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the replay changed no row");
    }
}
