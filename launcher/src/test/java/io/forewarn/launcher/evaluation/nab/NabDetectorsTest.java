package io.forewarn.launcher.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our NAB detectors stream (a row's score never depends on later rows) and score anomalies above ordinary rows. */
class NabDetectorsTest {
    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);
    static final int SPIKE = 4000;

    static Stream<NabDetector> detectors() {
        return Stream.of(BaselineDetector.asTheJobRuns(), JobDetector.asTheJobRuns(), JobDetector.retrainedOnASchedule(),
                new MultiScaleDetector(MultiScaleDetector.Settings.defaults()));
    }

    /** A daily cycle with noise, every 5 minutes, with a jump of 25 noise widths at row {@value SPIKE}. */
    static NabCorpus.Series series(int rows, int jumpRows) {
        Random random = new Random(7);
        List<LocalDateTime> times = new ArrayList<>();
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            times.add(T0.plusMinutes(5L * i));
            values[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
        }
        for (int i = SPIKE; i < Math.min(rows, SPIKE + jumpRows); i++) {
            values[i] += 25;
        }
        return new NabCorpus.Series("synthetic/daily.csv", times, values);
    }

    static NabCorpus.Series prefix(NabCorpus.Series s, int rows) {
        return new NabCorpus.Series(s.file(), s.timestamps().subList(0, rows), Arrays.copyOf(s.values(), rows));
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void aRowsScoreDoesNotDependOnTheRowsAfterIt(NabDetector detector) {
        // Both lengths have NAB's capped probation of 750 rows, the one thing a detector may know about the file.
        NabCorpus.Series full = series(6000, 1);
        double[] all = detector.scores(full);
        double[] cut = detector.scores(prefix(full, 5100));
        assertThat(Arrays.copyOf(all, 5100)).containsExactly(cut);
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void scoresLieInZeroToOneAndAShiftInLevelScoresAbove99PercentOfOrdinaryRows(NabDetector detector) {
        double[] scores = detector.scores(series(6000, 30));
        assertThat(Arrays.stream(scores).boxed()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        assertThat(Arrays.copyOf(scores, 750)).as("probation: learning, not scoring").containsOnly(0.0);
        double[] ordinary = Arrays.copyOfRange(scores, 750, SPIKE);
        Arrays.sort(ordinary);
        double atShift = Arrays.stream(scores, SPIKE, SPIKE + 30).max().orElseThrow();
        // Not above all of them: an isolation forest gives a value far outside its training range the score of the
        // training range's edge, and in a daily cycle the ordinary extremes score as high (docs/benchmarks.md, NAB).
        assertThat(atShift).isGreaterThan(ordinary[(int) (0.99 * ordinary.length)]);
    }

    @org.junit.jupiter.api.Test
    void theMultiScaleDetectorScoresAOneRowSpikeAboveEveryOrdinaryRow() {
        // The job's own features smooth a one-row spike into the daily cycle's range; the fast deviation keeps it.
        double[] scores = new MultiScaleDetector(MultiScaleDetector.Settings.defaults()).scores(series(6000, 1));
        double ordinary = Arrays.stream(scores, 750, SPIKE).max().orElseThrow();
        double atSpike = Arrays.stream(scores, SPIKE, SPIKE + 5).max().orElseThrow();
        assertThat(atSpike).isGreaterThan(ordinary);
    }

    @org.junit.jupiter.api.Test
    void theBaselineScoresAOneRowSpikeAboveEveryOrdinaryRow() {
        // The job's baseline sees each raw reading, so a one-row spike is not smoothed away: a fifth of the daily
        // range above its top, it is new at three of the four resolutions.
        double[] scores = BaselineDetector.asTheJobRuns().scores(series(6000, 1));
        double ordinary = Arrays.stream(scores, 750, SPIKE).max().orElseThrow();
        assertThat(scores[SPIKE]).isEqualTo(0.75).isGreaterThan(ordinary);
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void trainsOnTheShortestNabProbationThoughTheJobsForestWantsMoreThan256Vectors(NabDetector detector) {
        // NAB's shortest file has 1,127 rows: 169 in the probation.
        double[] scores = detector.scores(series(1127, 0));
        assertThat(scores).hasSize(1127);
        assertThat(Arrays.stream(scores, 169, 1127).max().orElseThrow()).isGreaterThan(0.0);
    }
}
