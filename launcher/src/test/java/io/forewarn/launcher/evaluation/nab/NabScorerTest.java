package io.forewarn.launcher.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NAB's scoring rules on small hand-computed files: 100 rows (15 in probation), one window over rows 40 to 49. */
class NabScorerTest {
    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);
    static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    static final NabProfile LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    static final double EXACT = 1e-12;

    static DetectorOutput file(String name, int rows, int[][] windowRows, double[] scores) {
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            times.add(T0.plusMinutes(5L * i));
        }
        List<NabWindow> windows = new ArrayList<>();
        for (int[] w : windowRows) {
            windows.add(new NabWindow(times.get(w[0]), times.get(w[1])));
        }
        return new DetectorOutput(name, times, scores, windows);
    }

    /** A file of 100 rows with one window over rows 40..49 and the given rows scored 1. */
    static DetectorOutput detectionsAt(int... rows) {
        double[] scores = new double[100];
        for (int r : rows) {
            scores[r] = 1.0;
        }
        return file("a.csv", 100, new int[][] {{40, 49}}, scores);
    }

    static double raw(DetectorOutput output) {
        return new NabScorer(List.of(output)).scoreAt(STANDARD, 0.5).rawScore();
    }

    @Test
    void probationIsFifteenPercentOfTheRowsCappedAt750() {
        assertThat(NabScorer.probationRows(1127)).isEqualTo(169);
        assertThat(NabScorer.probationRows(4032)).isEqualTo(604);
        assertThat(NabScorer.probationRows(5000)).isEqualTo(750);
        assertThat(NabScorer.probationRows(22695)).isEqualTo(750);
    }

    @Test
    void scaledSigmoidRunsFromAlmostOneAtTheWindowStartThroughZeroAtItsEndToMinusOneFarAfterIt() {
        assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(0.0)).isCloseTo(0.0, within(EXACT));
        assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(3.5)).isEqualTo(-1.0);
    }

    @Test
    void aDetectionAtTheWindowStartEarnsTheFullTruePositiveWeight() {
        assertThat(raw(detectionsAt(40))).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void aLaterDetectionEarnsLessAndOnlyTheEarliestInAWindowCounts() {
        // Row 49 is the window's last row: position -1/10.
        double last = NabScorer.scaledSigmoid(-0.1) / NabScorer.scaledSigmoid(-1.0);
        assertThat(raw(detectionsAt(49))).isCloseTo(last, within(EXACT)).isCloseTo(0.2482, within(1e-4));
        double row41 = NabScorer.scaledSigmoid(-0.9) / NabScorer.scaledSigmoid(-1.0);
        assertThat(raw(detectionsAt(41, 45, 49))).isCloseTo(row41, within(EXACT));
    }

    @Test
    void aMissedWindowCostsTheFalseNegativeWeightAndDetectionsInTheProbationAreIgnored() {
        assertThat(raw(detectionsAt())).isCloseTo(-1.0, within(EXACT));
        assertThat(raw(detectionsAt(0, 5, 14))).isCloseTo(-1.0, within(EXACT));
        assertThat(raw(detectionsAt(15))).isCloseTo(-1.11, within(EXACT)); // the first row after the probation counts
    }

    @Test
    void aFalsePositiveCostsLessJustAfterAWindowThanFarFromOne() {
        // Before any window: the full FP weight.
        assertThat(raw(detectionsAt(40, 20))).isCloseTo(1.0 - 0.11, within(EXACT));
        // One row after the window (width 10): position 1/9.
        double justAfter = 0.11 * NabScorer.scaledSigmoid(1.0 / 9);
        assertThat(justAfter).isCloseTo(-0.029793, within(1e-6));
        assertThat(raw(detectionsAt(40, 50))).isCloseTo(1.0 + justAfter, within(EXACT));
        // 41 rows after a window of width 10 is beyond 3 widths: the full weight again.
        assertThat(raw(detectionsAt(40, 90))).isCloseTo(1.0 - 0.11, within(EXACT));
    }

    @Test
    void aRowIsADetectionWhenItsScoreReachesTheThreshold() {
        double[] scores = new double[100];
        scores[40] = 0.7;
        NabScorer scorer = new NabScorer(List.of(file("a.csv", 100, new int[][] {{40, 49}}, scores)));
        assertThat(scorer.scoreAt(STANDARD, 0.7).detectedWindows()).isEqualTo(1);
        assertThat(scorer.scoreAt(STANDARD, 0.7000001).detectedWindows()).isZero();
    }

    @Test
    void scoresSumOverFilesAndNormaliseNullToZeroAndPerfectToHundred() {
        DetectorOutput hit = detectionsAt(40);
        DetectorOutput missed = file("b.csv", 100, new int[][] {{60, 69}}, new double[100]);
        NabScorer scorer = new NabScorer(List.of(hit, missed));
        NabScorer.Outcome outcome = scorer.scoreAt(STANDARD, 0.5);
        assertThat(outcome.rawScore()).isCloseTo(0.0, within(EXACT));
        assertThat(outcome.rawScoreByFile()).containsEntry("a.csv", 1.0).containsEntry("b.csv", -1.0);
        assertThat(outcome.windows()).isEqualTo(2);
        assertThat(outcome.detectedWindows()).isEqualTo(1);
        assertThat(scorer.nullScore(STANDARD)).isEqualTo(-2.0);
        assertThat(scorer.perfectScore(STANDARD)).isEqualTo(2.0);
        assertThat(outcome.normalisedScore()).isCloseTo(50.0, within(EXACT));
        assertThat(scorer.normalise(LOW_FN, scorer.nullScore(LOW_FN))).isCloseTo(0.0, within(EXACT));
        assertThat(scorer.normalise(LOW_FN, scorer.perfectScore(LOW_FN))).isCloseTo(100.0, within(EXACT));
    }

    @Test
    void theSweepFindsTheThresholdThatScoresHighestAndPrefersTheHighestAmongEquals() {
        double[] scores = new double[100];
        scores[20] = 0.95; // a false positive before the window: -0.11
        scores[42] = 0.90; // inside the window
        scores[43] = 0.80; // later in the window: changes nothing
        scores[90] = 0.50; // a false positive far after the window: -0.11
        NabScorer scorer = new NabScorer(List.of(file("a.csv", 100, new int[][] {{40, 49}}, scores)));
        NabScorer.Outcome best = scorer.best(STANDARD);
        assertThat(best.threshold()).isEqualTo(0.90);
        double row42 = NabScorer.scaledSigmoid(-0.8) / NabScorer.scaledSigmoid(-1.0);
        assertThat(best.rawScore()).isCloseTo(row42 - 0.11, within(EXACT));
        assertThat(best.rawScore()).isGreaterThan(scorer.scoreAt(STANDARD, 0.95).rawScore())
                .isGreaterThan(scorer.scoreAt(STANDARD, 0.50).rawScore())
                .isGreaterThan(scorer.scoreAt(STANDARD, 0.0).rawScore());
    }

    @Test
    void theSweepDetectsNothingWhenEveryThresholdCostsMoreThanItEarns() {
        double[] scores = new double[100];
        for (int i = 15; i < 40; i++) {
            scores[i] = 0.9; // 25 false positives before the window cost more than the window earns
        }
        scores[45] = 0.9;
        NabScorer.Outcome best = new NabScorer(List.of(file("a.csv", 100, new int[][] {{40, 49}}, scores))).best(STANDARD);
        assertThat(best.detectedWindows()).isZero();
        assertThat(best.normalisedScore()).isCloseTo(0.0, within(EXACT));
    }

    @Test
    void rejectsScoresOutsideZeroToOneAndWindowsThatCoverNoRow() {
        double[] scores = new double[100];
        scores[50] = 1.5;
        assertThatThrownBy(() -> new NabScorer(List.of(file("a.csv", 100, new int[][] {{40, 49}}, scores))))
                .hasMessageContaining("a.csv row 51").hasMessageContaining("outside [0, 1]");
        List<LocalDateTime> times = List.of(T0, T0.plusMinutes(5));
        DetectorOutput gap = new DetectorOutput("gap.csv", times, new double[2],
                List.of(new NabWindow(T0.plusMinutes(1), T0.plusMinutes(2))));
        assertThatThrownBy(() -> new NabScorer(List.of(gap))).hasMessageContaining("gap.csv").hasMessageContaining("covers no row");
    }
}
