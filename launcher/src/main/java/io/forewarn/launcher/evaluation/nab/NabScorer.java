package io.forewarn.launcher.evaluation.nab;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a detector over the NAB corpus the way NAB does: a probationary start of each file is not scored; the
 * earliest detection in a labelled window earns the TP weight scaled by a sigmoid of how early it came; a window
 * without a detection costs the FN weight; a detection outside every window costs the FP weight, scaled down when
 * it falls just after a window. The raw score sums over all files and is normalised so that the null detector
 * scores 0 and the perfect detector 100. One threshold per profile applies to the whole corpus; {@link #best} finds
 * the one that scores highest, as NAB's optimiser does.
 *
 * <p>Pure: built once from the detector's outputs, then every query is a computation over them.
 */
public final class NabScorer {
    /** Share of each file, from its start, in which a detector may learn and detections are not scored. */
    public static final double PROBATION_SHARE = 0.15;
    /** NAB caps the probationary period at 15 % of 5,000 rows. */
    public static final int MAX_PROBATION_ROWS = 750;
    /** The sigmoid at a window's left edge; TP credit is divided by it so the earliest possible detection earns 1. */
    private static final double EARLIEST_TP = scaledSigmoid(-1.0);
    /** A threshold above every score in [0, 1]: nothing detected. */
    private static final double NOTHING_DETECTED = 1.1;

    private final List<String> files = new ArrayList<>();
    private final int labelledWindows;
    private final int scorableWindows;
    private final int[] fileOfWindow; // by corpus-wide window number
    private final boolean[] scorableWindow; // has at least one row after the probationary period
    // The scorable rows of the whole corpus, sorted by descending anomaly score.
    private final double[] score;
    private final int[] fileOf;
    private final int[] windowOf; // corpus-wide window number, or -1 outside every window
    private final double[] credit; // TP share in (0, 1] inside a window; FP share in [-1, 0) outside

    /** What a detector scored under one profile at one threshold. */
    public record Outcome(
            NabProfile profile,
            double threshold,
            double rawScore,
            double normalisedScore,
            int windows,
            int detectedWindows,
            int falsePositiveRows,
            Map<String, Double> rawScoreByFile) {}

    public NabScorer(List<DetectorOutput> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to score: no detector outputs");
        }
        List<double[]> rows = new ArrayList<>(); // {score, file, window, credit}
        int windowBase = 0;
        int labelled = 0;
        boolean[] seen = new boolean[outputs.stream().mapToInt(o -> o.windows().size()).sum()];
        int[] owner = new int[seen.length];
        for (DetectorOutput output : outputs) {
            int file = files.size();
            files.add(output.file());
            int[][] spans = spans(output);
            Arrays.fill(owner, labelled, labelled + spans.length, file);
            labelled += spans.length;
            int probation = probationRows(output.scores().length);
            int next = 0; // the next window not yet entered
            int previousEnd = -1;
            int previousWidth = 0;
            for (int i = 0; i < output.scores().length; i++) {
                while (next < spans.length && spans[next][1] < i) {
                    previousEnd = spans[next][1];
                    previousWidth = spans[next][1] - spans[next][0] + 1;
                    next++;
                }
                boolean inside = next < spans.length && spans[next][0] <= i;
                if (i < probation) {
                    continue;
                }
                double value = output.scores()[i];
                if (!(value >= 0 && value <= 1)) {
                    throw new IllegalArgumentException(output.file() + " row " + (i + 1) + ": anomaly score " + value
                            + " is outside [0, 1]");
                }
                if (inside) {
                    int width = spans[next][1] - spans[next][0] + 1;
                    double position = -(spans[next][1] - i + 1) / (double) width;
                    rows.add(new double[] {value, file, windowBase + next, scaledSigmoid(position) / EARLIEST_TP});
                    seen[windowBase + next] = true;
                } else {
                    // A false positive just after a window costs little; one far from any window the full weight.
                    double position = previousEnd < 0 ? Double.POSITIVE_INFINITY
                            : (i - previousEnd) / (double) (previousWidth - 1);
                    rows.add(new double[] {value, file, -1, scaledSigmoid(position)});
                }
            }
            windowBase += spans.length;
        }
        this.labelledWindows = labelled;
        this.fileOfWindow = owner;
        this.scorableWindow = seen;
        int scorable = 0;
        for (boolean s : seen) {
            scorable += s ? 1 : 0;
        }
        this.scorableWindows = scorable;
        rows.sort((a, b) -> Double.compare(b[0], a[0]));
        int n = rows.size();
        score = new double[n];
        fileOf = new int[n];
        windowOf = new int[n];
        credit = new double[n];
        for (int r = 0; r < n; r++) {
            double[] row = rows.get(r);
            score[r] = row[0];
            fileOf[r] = (int) row[1];
            windowOf[r] = (int) row[2];
            credit[r] = row[3];
        }
    }

    /** Rows at the start of a file of {@code rows} rows that NAB does not score. */
    public static int probationRows(int rows) {
        return Math.min((int) Math.floor(PROBATION_SHARE * rows), MAX_PROBATION_ROWS);
    }

    /**
     * NAB's weighting of a detection by its position relative to a window: -1 is the window's left edge (0.987),
     * 0 its right edge (0), positive values are after it (down to -1, reached beyond 3).
     */
    public static double scaledSigmoid(double position) {
        if (position > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
    }

    /** The files scored, in the order given. */
    public List<String> files() {
        return Collections.unmodifiableList(files);
    }

    /** Raw score of the null detector (detects nothing): every scorable window missed. */
    public double nullScore(NabProfile profile) {
        return -profile.fnWeight() * scorableWindows;
    }

    /** Raw score of the perfect detector: every labelled window detected at its start. */
    public double perfectScore(NabProfile profile) {
        return profile.tpWeight() * labelledWindows;
    }

    /** A raw score on NAB's scale: null detector 0, perfect detector 100. */
    public double normalise(NabProfile profile, double raw) {
        double none = nullScore(profile);
        return 100.0 * (raw - none) / (perfectScore(profile) - none);
    }

    /** The score when every row whose anomaly score is at least {@code threshold} is a detection. */
    public Outcome scoreAt(NabProfile profile, double threshold) {
        double[] bestCredit = new double[labelledWindows];
        boolean[] detected = new boolean[labelledWindows];
        double[] fpCredit = new double[files.size()];
        int falsePositives = 0;
        for (int r = 0; r < score.length && score[r] >= threshold; r++) {
            int w = windowOf[r];
            if (w < 0) {
                fpCredit[fileOf[r]] += credit[r];
                falsePositives++;
            } else if (!detected[w] || credit[r] > bestCredit[w]) {
                // Only the earliest detection in a window counts, and the earliest has the highest credit.
                detected[w] = true;
                bestCredit[w] = credit[r];
            }
        }
        double[] byFile = new double[files.size()];
        for (int f = 0; f < files.size(); f++) {
            byFile[f] = profile.fpWeight() * fpCredit[f];
        }
        int detectedWindows = 0;
        for (int w = 0; w < labelledWindows; w++) {
            if (detected[w]) {
                byFile[fileOfWindow[w]] += profile.tpWeight() * bestCredit[w];
                detectedWindows++;
            } else if (scorableWindow[w]) {
                byFile[fileOfWindow[w]] -= profile.fnWeight();
            }
        }
        Map<String, Double> rawByFile = new LinkedHashMap<>();
        double raw = 0;
        for (int f = 0; f < files.size(); f++) {
            rawByFile.put(files.get(f), byFile[f]);
            raw += byFile[f];
        }
        return new Outcome(profile, threshold, raw, normalise(profile, raw), scorableWindows, detectedWindows,
                falsePositives, Collections.unmodifiableMap(rawByFile));
    }

    /**
     * The threshold that scores highest under {@code profile}, found by lowering the threshold through every distinct
     * anomaly score; among equal scores the highest threshold wins.
     */
    public Outcome best(NabProfile profile) {
        double[] bestCredit = new double[labelledWindows];
        boolean[] detected = new boolean[labelledWindows];
        double tpSum = 0;
        double fpSum = 0;
        int detectedWindows = 0;
        double bestThreshold = NOTHING_DETECTED;
        double bestRaw = nullScore(profile);
        int r = 0;
        while (r < score.length) {
            double threshold = score[r];
            for (; r < score.length && score[r] == threshold; r++) {
                int w = windowOf[r];
                if (w < 0) {
                    fpSum += credit[r];
                } else if (!detected[w]) {
                    detected[w] = true;
                    bestCredit[w] = credit[r];
                    tpSum += credit[r];
                    detectedWindows++;
                } else if (credit[r] > bestCredit[w]) {
                    tpSum += credit[r] - bestCredit[w];
                    bestCredit[w] = credit[r];
                }
            }
            double raw = profile.tpWeight() * tpSum + profile.fpWeight() * fpSum
                    - profile.fnWeight() * (scorableWindows - detectedWindows);
            if (raw > bestRaw) {
                bestRaw = raw;
                bestThreshold = threshold;
            }
        }
        return scoreAt(profile, bestThreshold);
    }

    /** Each window as the first and last row index it covers: rows from the first at or after its start, up to its end. */
    private int[][] spans(DetectorOutput output) {
        List<LocalDateTime> t = output.timestamps();
        List<NabWindow> windows = new ArrayList<>(output.windows());
        windows.sort((a, b) -> a.start().compareTo(b.start()));
        int[][] spans = new int[windows.size()][];
        int from = 0;
        for (int k = 0; k < windows.size(); k++) {
            NabWindow window = windows.get(k);
            int first = from;
            while (first < t.size() && t.get(first).isBefore(window.start())) {
                first++;
            }
            int last = first - 1;
            while (last + 1 < t.size() && !t.get(last + 1).isAfter(window.end())) {
                last++;
            }
            if (last < first) {
                throw new IllegalArgumentException(output.file() + ": anomaly window " + window.start() + " to "
                        + window.end() + " covers no row");
            }
            spans[k] = new int[] {first, last};
            from = last + 1;
        }
        return spans;
    }
}
