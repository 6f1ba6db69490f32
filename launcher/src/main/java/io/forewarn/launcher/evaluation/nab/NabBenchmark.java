package io.forewarn.launcher.evaluation.nab;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs detectors over every NAB file, scores each with {@link NabScorer} at its best threshold per profile (the one
 * choice NAB's rules let a detector make with the labels), and prints the scores beside the published scoreboard.
 */
public final class NabBenchmark {
    static final String STANDARD = "standard";
    static final String LOW_FP = "reward_low_FP_rate";
    static final String LOW_FN = "reward_low_FN_rate";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** One detector's run: its outcome per profile, in the corpus's profile order. */
    public record Result(String name, String description, int files, long rows, List<NabScorer.Outcome> outcomes,
                         double seconds) {

        public NabScorer.Outcome outcome(String profile) {
            return outcomes.stream().filter(o -> o.profile().name().equals(profile)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no NAB profile " + profile + " in this run"));
        }

        /** The normalised score under {@code profile}. */
        public double score(String profile) {
            return outcome(profile).normalisedScore();
        }
    }

    private NabBenchmark() {}

    /** Runs {@code detector} over every labelled file of {@code corpus}, reporting each file done to {@code progress}. */
    public static Result run(NabCorpus corpus, NabDetector detector, PrintStream progress) {
        return run(corpus, detector, progress, 0.0);
    }

    /**
     * The same over every file without its first {@code dropShare} of rows (windows that end before the first row
     * left are dropped): each warm-up is then another sample of its file, scored by the same rules, which shows how
     * much a score owes to the exact warm-ups it was tuned on.
     */
    public static Result run(NabCorpus corpus, NabDetector detector, PrintStream progress, double dropShare) {
        long started = System.nanoTime();
        List<String> files = corpus.files();
        List<DetectorOutput> outputs = new ArrayList<>();
        long rows = 0;
        progress.println(detector.name() + ": " + detector.description());
        for (int i = 0; i < files.size(); i++) {
            long t0 = System.nanoTime();
            NabCorpus.Series series = corpus.series(files.get(i)).withoutFirst(dropShare);
            LocalDateTime first = series.timestamps().get(0);
            List<NabWindow> windows = corpus.windows(series.file()).stream().filter(w -> !w.end().isBefore(first)).toList();
            double[] scores = detector.scores(series);
            if (scores.length != series.values().length) {
                throw new IllegalStateException(series.file() + ": detector gave " + scores.length + " scores for "
                        + series.values().length + " rows");
            }
            outputs.add(new DetectorOutput(series.file(), series.timestamps(), scores, windows));
            rows += scores.length;
            progress.printf(Locale.ROOT, "  [%2d/%d] %-55s %,7d rows %5.1f s%n", i + 1, files.size(), series.file(),
                    scores.length, (System.nanoTime() - t0) / 1e9);
        }
        NabScorer scorer = new NabScorer(outputs);
        List<NabScorer.Outcome> outcomes = corpus.profiles().stream().map(scorer::best).toList();
        return new Result(detector.name(), detector.description(), files.size(), rows, outcomes,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * A Markdown table of our results ranked among the published ones by the standard profile, then each of our
     * detectors' thresholds and counts.
     */
    public static String table(List<Result> ours, List<NabCorpus.ScoreboardEntry> published) {
        record Line(double rank, String text) {}
        List<Line> lines = new ArrayList<>();
        for (NabCorpus.ScoreboardEntry e : published) {
            lines.add(new Line(leadingNumber(e.standard()), "| " + e.detector() + " | " + e.standard() + " | "
                    + e.lowFalsePositives() + " | " + e.lowFalseNegatives() + " |"));
        }
        for (Result r : ours) {
            lines.add(new Line(r.score(STANDARD), String.format(Locale.ROOT, "| **%s** | **%.1f** | **%.1f** | **%.1f** |",
                    r.name(), r.score(STANDARD), r.score(LOW_FP), r.score(LOW_FN))));
        }
        lines.sort(Comparator.comparingDouble(Line::rank).reversed());
        StringBuilder out = new StringBuilder("| detector | standard | low FP | low FN |\n|---|---|---|---|\n");
        lines.forEach(l -> out.append(l.text()).append('\n'));
        for (Result r : ours) {
            out.append(String.format(Locale.ROOT, "%n%s (%d files, %,d rows, %.1f s):%n", r.name(), r.files(), r.rows(),
                    r.seconds()));
            for (NabScorer.Outcome o : r.outcomes()) {
                out.append(String.format(Locale.ROOT,
                        "  %-18s best threshold %.6f: raw %7.2f, %3d of %d windows detected, %,5d false-positive rows%n",
                        o.profile().name(), o.threshold(), o.rawScore(), o.detectedWindows(), o.windows(),
                        o.falsePositiveRows()));
            }
        }
        return out.toString();
    }

    private static double leadingNumber(String figure) {
        Matcher m = NUMBER.matcher(figure);
        return m.find() ? Double.parseDouble(m.group()) : Double.NEGATIVE_INFINITY;
    }
}
