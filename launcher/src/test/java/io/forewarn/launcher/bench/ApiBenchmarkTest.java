package io.forewarn.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The API benchmark run small against the real API on embedded PostgreSQL and QuestDB: every phase is served
 * without an error, its percentiles are in order, and the report is printed. Not a timed test: nobody checks the
 * figures here.
 */
class ApiBenchmarkTest {

    @Test
    void eightClientsReadTheTicketListAndDeviceHistoryWithoutErrors_andTheReportShowsEveryPhase() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var options = new ApiBenchmark.Options(8, Duration.ofSeconds(1), Duration.ofSeconds(3), 60, 600, 3,
                Duration.ofDays(7), false, 7, null);

        ApiBenchmark.Result result = ApiBenchmark.run(options, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(result.phases()).extracting(ApiLoad.Result::name).containsExactly(ApiBenchmark.TICKETS,
                ApiBenchmark.HISTORY_WEEK, ApiBenchmark.HISTORY_DAY, ApiBenchmark.CEILING);
        assertThat(result.phases()).allSatisfy(phase -> {
            assertThat(phase.requests()).as(phase.name() + " requests").isPositive();
            assertThat(phase.errors()).as(phase.name() + " errors").isEmpty();
            assertThat(phase.maxInFlight()).as(phase.name() + " in flight").isEqualTo(8);
            assertThat(phase.cpuMillisPerRequest()).as(phase.name() + " CPU per request").isPositive();
            LatencyHistogram latencies = phase.latencies();
            assertThat(latencies.percentile(50)).isPositive().isLessThanOrEqualTo(latencies.percentile(90));
            assertThat(latencies.percentile(90)).isLessThanOrEqualTo(latencies.percentile(99));
            assertThat(latencies.percentile(99)).isLessThanOrEqualTo(latencies.max());
        });
        // A page of 50 tickets and a device-week of hourly buckets are real answers, not empty lists or problems.
        assertThat(result.phase(ApiBenchmark.TICKETS).meanBytes()).isGreaterThan(10_000);
        assertThat(result.phase(ApiBenchmark.HISTORY_WEEK).meanBytes()).isGreaterThan(10_000);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("Alerts API under 8 concurrent clients", "week-PT1H", "day-PT1M", "ceiling",
                "PostgreSQL's plans (EXPLAIN ANALYZE", "Execution Time");
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(ApiBenchmark.run(new String[] {"--clients", "many"}, System.out, errors)).isEqualTo(2);
        assertThat(ApiBenchmark.run(new String[] {"--telemetry-devices", "5000"}, System.out, errors)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--clients needs a whole number", "usage: ./forewarn bench api");
    }
}
