package io.forewarn.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingest benchmark's code, run with a tiny backlog against embedded HiveMQ: every row is measured and has a
 * rate. Not a timed test: the figures themselves are checked by nobody, they are what the benchmark prints.
 */
class IngestBenchmarkTest {
    private static final int MESSAGES = 2_000;

    @Test
    void aRunOnEmbeddedHiveMqMeasuresTheCeilingAndTheSourceForEveryQosAndConnectionCount() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        IngestBenchmark.Options options = IngestBenchmark.Options.defaults()
                .withMessages(MESSAGES)
                .withBrokers(List.of(IngestBenchmark.Broker.HIVEMQ));

        IngestReport report = new IngestBenchmark(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report.rows()).hasSize(8);
        assertThat(report.rows()).extracting(IngestReport.Row::qos).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(report.rows()).extracting(IngestReport.Row::connections).containsExactly(1, 1, 2, 2, 1, 1, 2, 2);
        assertThat(report.rows()).extracting(IngestReport.Row::reader).containsExactly(
                IngestReport.CEILING, IngestReport.SOURCE, IngestReport.CEILING, IngestReport.SOURCE,
                IngestReport.CEILING, IngestReport.SOURCE, IngestReport.CEILING, IngestReport.SOURCE);
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.broker()).startsWith("HiveMQ CE");
            assertThat(row.received()).as(row.toString()).isEqualTo(MESSAGES);
            assertThat(row.ratePerSecond()).as(row.toString()).isPositive();
            assertThat(row.note()).as(row.toString()).doesNotContain("INCOMPLETE", "arrived at QoS 1");
        });
        assertThat(report.rows()).filteredOn(row -> !row.isCeiling())
                .allSatisfy(row -> assertThat(row.ratioToCeiling()).as(row.toString()).isPositive());
        assertThat(report.rows()).filteredOn(row -> row.connections() == 2)
                .allSatisfy(row -> assertThat(row.note()).as(row.toString()).contains("split"));

        String table = report.format();
        assertThat(table.lines().filter(line -> line.startsWith("| HiveMQ CE"))).hasSize(8);
        assertThat(table).contains("QoS 1: the source acknowledges after each checkpoint", "receive maximum");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("publishing", "draining", "msg/s");
    }
}
