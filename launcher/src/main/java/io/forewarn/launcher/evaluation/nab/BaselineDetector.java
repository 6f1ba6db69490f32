package io.forewarn.launcher.evaluation.nab;

import io.forewarn.jobs.baseline.BaselineSettings;
import io.forewarn.jobs.baseline.SensorBaseline;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The job's per-device baseline ({@link SensorBaseline}, unmodified, as the job's feature operator runs it for each
 * sensor of each device) on the one sensor of a NAB file. It warms up over the probation, which NAB gives every
 * detector, and is quiet for the same share of the probation after an alarm as the job is of its warm-up; every
 * other knob is the job's, the same for every file.
 */
public final class BaselineDetector implements NabDetector {
    private final IntFunction<BaselineSettings> forProbation;

    /** {@code forProbation} gives the settings for a file from its probation length in rows. */
    public BaselineDetector(IntFunction<BaselineSettings> forProbation) {
        this.forProbation = forProbation;
    }

    /** The job's knobs, with the probation as the warm-up. */
    public static BaselineDetector asTheJobRuns() {
        return new BaselineDetector(BaselineSettings::withWarmUp);
    }

    @Override
    public String name() {
        return "Forewarn: the job's per-device baseline (multi-resolution level novelty weighed by ART shape memories, record stays)";
    }

    @Override
    public String description() {
        BaselineSettings s = forProbation.apply(1000);
        return String.format(Locale.ROOT, "the probation's range in %d levels at %d resolutions (each twice as fine; "
                + "on a log scale for the readings of a probation with a heavy upper tail, its 90th percentile more "
                + "than %s times as far above the median as the median above the lowest); "
                + "score = share of resolutions at which the reading's level is new, or %s of that for the average of "
                + "the last ~%d readings, or %s when a stay in one of the %d coarsest levels grows longer (in powers of "
                + "two) than any before; times %s to 1 as the shape of the last 3 step means (steps of 1/%d and 1/%d of "
                + "the probation) fits learned fuzzy-ART categories from 1 to %s, or %s for a coarse shape fitting none "
                + "to %s; quiet for %.2f of the probation after a score of %s", s.levels(),
                s.resolutions(), SensorBaseline.HEAVY_TAIL_RATIO, SensorBaseline.SMOOTHED_WEIGHT,
                SensorBaseline.SMOOTHED_MEMORY,
                1.0 / s.resolutions(), s.levels(), SensorBaseline.FAMILIAR_SHAPE_WEIGHT, SensorBaseline.COARSE_STEPS,
                SensorBaseline.FINE_STEPS, SensorBaseline.FULLY_NEW_SHAPE_FIT, 1.0 / s.resolutions(),
                SensorBaseline.NEW_SHAPE_FIT, s.quietReadings() / 1000.0, s.alarmLevel());
    }

    @Override
    public double[] scores(NabCorpus.Series series) {
        double[] values = series.values();
        SensorBaseline baseline = new SensorBaseline(forProbation.apply(Math.max(2, NabScorer.probationRows(values.length))));
        double[] out = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            out[t] = baseline.score(values[t]);
        }
        return out;
    }
}
