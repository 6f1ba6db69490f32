package io.forewarn.launcher.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.simulator.faults.FaultKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./forewarn evaluate} end to end on a small fleet: the real job on real PostgreSQL and QuestDB, then the score. */
class SimulatedEvaluationTest {
    @TempDir
    Path work;

    @Test
    void aSmallFleetIsReplayedThroughTheJobAndEveryFailureIsAccountedFor() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        EvaluationConfig config = new EvaluationConfig(16, 6, 13, 11, List.of(FaultKind.GRADUAL, FaultKind.GRADUAL, FaultKind.SUDDEN));
        Scorecard score = SimulatedEvaluation.run(config, work, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(score.failuresWithPrecursor()).isEqualTo(4);
        assertThat(score.suddenFailures()).isEqualTo(2);
        assertThat(score.suddenPredicted()).as("a sudden failure has nothing to predict it by").isZero();
        assertThat(score.predictedAtLeast24hAhead()).as("gradual wear is predicted a day or more ahead").isEqualTo(4);
        assertThat(score.falseTickets()).isZero();
        assertThat(score.deviceDays()).isEqualTo(16 * 13);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("replayed 59,904 readings through the job");
    }
}
