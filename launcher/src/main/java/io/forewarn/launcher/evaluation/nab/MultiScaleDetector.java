package io.forewarn.launcher.evaluation.nab;

import io.forewarn.jobs.models.IsolationForestDetector;
import java.util.Arrays;

/**
 * The job's isolation forest on features the job does not compute yet: per row, the value's deviation from a slow
 * and a fast exponentially weighted mean in units of the slow standard deviation, and the change in volatility. The
 * forest is retrained on the latest feature vectors every so many rows; its raw score becomes an anomaly likelihood
 * (how unusual the recent average score is against the score's own long-run spread, as Numenta's detectors do), and
 * after an alarm the detector stays quiet for a while, as the job's one-open-ticket rule does.
 *
 * <p>Every step keeps a few numbers of state per stream and sees only rows before the one it scores, so it fits in
 * the job's keyed feature and scoring operators; what the job would need to change is in docs/benchmarks.md.
 */
public final class MultiScaleDetector implements NabDetector {
    /** The knobs, fixed for the whole corpus (NAB forbids tuning them per file). */
    public record Settings(
            double slowAlpha,
            double fastAlpha,
            int retrainEvery,
            int trainingRows,
            int trees,
            int shortAverage,
            double likelihoodAlpha,
            double alarmLevel,
            double quietShareOfProbation) {

        public static Settings defaults() {
            return new Settings(0.003, 0.5, 250, 2000, 100, 5, 0.002, 0.5, 0.25);
        }
    }

    private static final int MIN_FOREST_VECTORS = 257; // the job's forest subsamples 256 and Smile needs more

    private final Settings settings;

    public MultiScaleDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Forewarn: multi-scale features + likelihood (needs job changes)";
    }

    @Override
    public String description() {
        return String.format(java.util.Locale.ROOT, "the job's isolation forest (%d trees) on deviations from EWMAs "
                + "(alpha %s and %s), retrained every %d rows on the latest %d; likelihood of the %d-row mean score "
                + "(alpha %s); quiet for %s of the probation length after a score of %s", settings.trees(),
                settings.slowAlpha(), settings.fastAlpha(), settings.retrainEvery(), settings.trainingRows(),
                settings.shortAverage(), settings.likelihoodAlpha(), settings.quietShareOfProbation(),
                settings.alarmLevel());
    }

    @Override
    public double[] scores(NabCorpus.Series series) {
        double[] x = series.values();
        int rows = x.length;
        int probation = NabScorer.probationRows(rows);
        int quietRows = (int) Math.round(settings.quietShareOfProbation() * probation);
        double[][] features = new double[rows][];
        double[] out = new double[rows];

        // Feature state: slow mean and variance, fast mean and variance.
        double slowMean = x[0];
        double slowVar = 0;
        double fastMean = x[0];
        double fastVar = 0;
        // Likelihood state: the latest raw scores, and the long-run mean and variance of their average.
        double[] recent = new double[settings.shortAverage()];
        int recentCount = 0;
        double scoreMean = Double.NaN;
        double scoreVar = 0;
        IsolationForestDetector forest = null;
        int quietUntil = -1;

        for (int t = 0; t < rows; t++) {
            double slowSd = Math.sqrt(slowVar) + 1e-9 * (1 + Math.abs(slowMean));
            double fastSd = Math.sqrt(fastVar) + 1e-9 * (1 + Math.abs(fastMean));
            // Deviations of this row from the state of the rows before it.
            features[t] = new double[] {
                (x[t] - slowMean) / slowSd,
                (fastMean + settings.fastAlpha() * (x[t] - fastMean) - slowMean) / slowSd,
                Math.log((fastSd + 1e-9) / slowSd)
            };

            double d = x[t] - slowMean;
            slowMean += settings.slowAlpha() * d;
            slowVar = (1 - settings.slowAlpha()) * (slowVar + settings.slowAlpha() * d * d);
            double e = x[t] - fastMean;
            fastMean += settings.fastAlpha() * e;
            fastVar = (1 - settings.fastAlpha()) * (fastVar + settings.fastAlpha() * e * e);

            if (t < probation) {
                continue; // learning only: NAB does not score the probationary period
            }
            if (t == probation || (t - probation) % settings.retrainEvery() == 0) {
                // A new model version from the rows before this one, as a scheduled retraining would publish it.
                forest = train(features, t, SeededTraining.seed(series.file(), t));
            }
            double raw = forest.score(features[t]);
            recent[recentCount++ % recent.length] = raw;
            double average = Arrays.stream(recent, 0, Math.min(recentCount, recent.length)).average().orElse(raw);
            double tail = 0.5; // chance of an average score this high in the long run
            if (Double.isNaN(scoreMean)) {
                scoreMean = average;
            } else {
                double sd = Math.sqrt(scoreVar) + 1e-6;
                tail = upperTail((average - scoreMean) / sd);
                double a = settings.likelihoodAlpha();
                double dev = average - scoreMean;
                scoreMean += a * dev;
                scoreVar = (1 - a) * (scoreVar + a * dev * dev);
            }
            // Numenta's log scale: 0.5 means a likelihood of 1 - 1e-5, 1.0 means 1 - 1e-10.
            double score = Math.min(1.0, Math.log(1e-10 + tail) / Math.log(1e-10));
            score = Math.max(0.0, score);
            if (t <= quietUntil) {
                out[t] = 0.0;
            } else {
                out[t] = score;
                if (score >= settings.alarmLevel()) {
                    quietUntil = t + quietRows;
                }
            }
        }
        return out;
    }

    private IsolationForestDetector train(double[][] features, int upTo, long seed) {
        int from = Math.max(0, upTo - settings.trainingRows());
        double[][] training = Arrays.copyOfRange(features, from, upTo);
        if (training.length < MIN_FOREST_VECTORS) {
            int copies = MIN_FOREST_VECTORS / training.length + 1;
            double[][] repeated = new double[training.length * copies][];
            for (int i = 0; i < repeated.length; i++) {
                repeated[i] = training[i % training.length];
            }
            training = repeated;
        }
        double[][] vectors = training;
        return SeededTraining.run(seed, () -> IsolationForestDetector.fit(vectors, settings.trees()));
    }

    /** P(Z > z) for a standard normal Z, without the cancellation of 1 - cdf(z) far in the tail. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
