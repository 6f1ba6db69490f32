package io.forewarn.launcher.evaluation.nab;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code ./forewarn evaluate --nab [DIR]}: our detectors over the Numenta Anomaly Benchmark, beside its scoreboard. */
public final class NabCommand {
    static final String USAGE = """
            usage: ./forewarn evaluate --nab [DIR] [--detector baseline|job|job-retrained|multiscale|all] [--drop-first PCT]
              DIR         the NAB directory (default: $FOREWARN_NAB_DIR, else ../shared/datasets/nab from the repository root)
              --detector  which detector to run (default all):
                            baseline       the job's per-device baseline (io.forewarn.jobs.baseline.SensorBaseline),
                                           warmed up over the probation
                            job            the job's features and isolation forest as they are, trained on the probation
                            job-retrained  the same, retrained every 500 rows on the latest 2,000
                            multiscale     the job's forest on multi-scale features with an anomaly likelihood and a
                                           quiet period after alarms (needs changes to the job; see docs/benchmarks.md)
              --drop-first  run on every file without its first PCT % of rows (default 0): each warm-up is then another
                            sample, a check of how much a score owes to the exact warm-ups it was tuned on
            Scores each with NAB's rules (probation, scaled sigmoid, best threshold per profile, normalised null 0 to
            perfect 100) and prints the standard / low FP / low FN scores beside the published scoreboard.
            """;

    private NabCommand() {}

    /** Runs with the arguments after {@code --nab}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        NabConfig config = NabConfig.fromEnv();
        String choice = "all";
        double dropShare = 0.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--detector" -> {
                    if (i + 1 >= args.length) {
                        err.print("--detector: missing value\n" + USAGE);
                        return 2;
                    }
                    choice = args[++i];
                }
                case "--drop-first" -> {
                    Double percent = i + 1 < args.length ? percent(args[++i]) : null;
                    if (percent == null) {
                        err.print("--drop-first: expected a percentage from 0 to 99\n" + USAGE);
                        return 2;
                    }
                    dropShare = percent / 100.0;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        err.print("unknown option: " + args[i] + "\n" + USAGE);
                        return 2;
                    }
                    config = config.withDirectory(Path.of(args[i]));
                }
            }
        }
        List<NabDetector> detectors = detectors(choice);
        if (detectors.isEmpty()) {
            err.print("--detector " + choice + ": expected baseline, job, job-retrained, multiscale or all\n" + USAGE);
            return 2;
        }
        NabCorpus corpus;
        try {
            corpus = NabCorpus.open(config.directory());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\nPass the NAB directory as './forewarn evaluate --nab DIR' or set "
                    + NabConfig.DIRECTORY_VARIABLE + ".");
            return 2;
        }
        out.println("NAB at " + corpus.root().toAbsolutePath().normalize() + ": " + corpus.files().size() + " files"
                + (dropShare > 0 ? String.format(Locale.ROOT, ", each without its first %s %% of rows",
                        BigDecimal.valueOf(dropShare * 100).stripTrailingZeros().toPlainString()) : ""));
        List<NabBenchmark.Result> results = new ArrayList<>();
        for (NabDetector detector : detectors) {
            results.add(NabBenchmark.run(corpus, detector, out, dropShare));
        }
        out.println();
        out.print(NabBenchmark.table(results, corpus.scoreboard()));
        return 0;
    }

    /** {@code text} as a percentage in [0, 99], or null. */
    private static Double percent(String text) {
        try {
            double p = Double.parseDouble(text);
            return p >= 0 && p <= 99 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<NabDetector> detectors(String choice) {
        return switch (choice) {
            case "baseline" -> List.of(BaselineDetector.asTheJobRuns());
            case "job" -> List.of(JobDetector.asTheJobRuns());
            case "job-retrained" -> List.of(JobDetector.retrainedOnASchedule());
            case "multiscale" -> List.of(new MultiScaleDetector(MultiScaleDetector.Settings.defaults()));
            case "all" -> List.of(BaselineDetector.asTheJobRuns(), JobDetector.asTheJobRuns(), JobDetector.retrainedOnASchedule(),
                    new MultiScaleDetector(MultiScaleDetector.Settings.defaults()));
            default -> List.of();
        };
    }
}
