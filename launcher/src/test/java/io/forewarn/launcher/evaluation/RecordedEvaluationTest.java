package io.forewarn.launcher.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.launcher.training.RecordedFixture;
import io.forewarn.simulator.replay.ColumnMapping;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./forewarn evaluate --csv}: a recorded dataset through the real job, scored against its events file. */
class RecordedEvaluationTest {
    @TempDir
    Path work;

    @Test
    void aRecordedDatasetIsReplayedThroughTheJobAndScoredAgainstItsFailures() throws Exception {
        RecordedFixture fixture = RecordedFixture.write(work, 40, 16, 21);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ColumnMapping mapping = new ColumnMapping(null, null, RecordedFixture.MODEL, null, Map.of());

        Scorecard score = RecordedEvaluation.run(fixture.csv(), mapping, fixture.events(), null, false,
                Files.createDirectories(work.resolve("run")), new PrintStream(console, true, StandardCharsets.UTF_8));

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(log).contains(String.format("replayed %,d readings through the job", fixture.rows()));
        assertThat(score.failuresWithPrecursor()).as("a recorded failure's kind is unknown: each counts").isEqualTo(fixture.failures().size());
        assertThat(score.predictedAtLeast24hAhead()).as(score.report()).isGreaterThanOrEqualTo(fixture.failures().size() - 1);
        assertThat(score.falseTickets()).as(score.report()).isZero();
        assertThat(score.medianLead()).isGreaterThan(Duration.ofHours(24));
        assertThat(score.deviceDays()).isBetween(fixture.devices() * 12.0, fixture.devices() * 13.0);
    }

    @Test
    void aBadEventsFileIsReportedBeforeAnythingRuns() throws Exception {
        RecordedFixture fixture = RecordedFixture.write(work, 8, 2, 5);
        Path events = work.resolve("bad-events.csv");
        Files.write(events, List.of("device_id,time,type", fixture.failures().isEmpty() ? "x,1,FAILURE"
                : fixture.failures().get(0).deviceId() + ",2026-01-10T00:00:00Z,BROKEN"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = EvaluateCommand.recorded(fixture.csv(), events, List.of("--model", RecordedFixture.MODEL), null, false,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(events + ":2: field 'type': expected FAILURE, REPAIR, PREVENTIVE_SERVICE or MAINTENANCE, got 'BROKEN'");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("replayed");
    }
}
