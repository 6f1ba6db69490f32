package io.forewarn.jobs.models;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.regression.RandomForest;

/**
 * A supervised estimate of the hours left before a failure, learned from run-to-failure history: Smile's random
 * forest regression over a degradation episode's state (see {@code TimeToFailureTraining} for the features). Its
 * confidence is how much the trees agree.
 *
 * @see #estimate
 */
public final class TimeToFailureModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String TARGET = "hoursToFailure";
    private static final int TREES = 60;

    private final List<String> features;
    private final RandomForest forest;
    private final StructType schema;
    private final double horizonHours;
    private final int examples;
    private final int devices;
    private final double heldOutMeanAbsoluteErrorHours;

    /** An estimate and how far to trust it: 1 when every tree agrees, towards 0 as they spread. */
    public record Estimate(double hours, double confidence) {}

    private TimeToFailureModel(List<String> features, RandomForest forest, double horizonHours, int examples, int devices, double mae) {
        this.features = List.copyOf(features);
        this.forest = forest;
        this.schema = frame(features, new double[1][features.size()], new double[1]).schema();
        this.horizonHours = horizonHours;
        this.examples = examples;
        this.devices = devices;
        this.heldOutMeanAbsoluteErrorHours = mae;
    }

    /**
     * Fits the forest on every example, after measuring its error on the devices held out (every fifth device).
     *
     * @param x one row of {@code features} per example
     * @param hoursToFailure the target of each row, at most {@code horizonHours} (beyond it: "not soon")
     * @param device which device each row came from, so held-out devices are wholly unseen
     * @throws IllegalArgumentException with fewer than 50 examples or fewer than 2 devices
     */
    public static TimeToFailureModel fit(List<String> features, double[][] x, double[] hoursToFailure, int[] device,
                                         double horizonHours, long seed) {
        int deviceCount = (int) IntStream.of(device).distinct().count();
        if (x.length < 50 || deviceCount < 2) {
            throw new IllegalArgumentException("need at least 50 examples from 2 devices of run-to-failure history, got "
                    + x.length + " from " + deviceCount);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            (device[i] % 5 == 4 ? test : train).add(i);
        }
        double mae = Double.NaN;
        if (!test.isEmpty() && train.size() >= 50) {
            RandomForest held = forest(features, rows(x, train), rows(hoursToFailure, train), seed);
            StructType schema = frame(features, new double[1][features.size()], new double[1]).schema();
            double sum = 0;
            for (int i : test) {
                sum += Math.abs(held.predict(Tuple.of(Arrays.copyOf(x[i], x[i].length + 1), schema)) - hoursToFailure[i]);
            }
            mae = sum / test.size();
        }
        return new TimeToFailureModel(features, forest(features, x, hoursToFailure, seed), horizonHours, x.length, deviceCount, mae);
    }

    private static RandomForest forest(List<String> features, double[][] x, double[] y, long seed) {
        int mtry = Math.max(1, features.size() / 3);
        return RandomForest.fit(Formula.lhs(TARGET), frame(features, x, y), TREES, mtry, 12, 256, 5, 1.0, LongStream.range(seed, seed + TREES));
    }

    // The features with the target as the last column; an estimate's row has the same schema, its target unused.
    private static DataFrame frame(List<String> features, double[][] x, double[] y) {
        double[][] data = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            data[i] = Arrays.copyOf(x[i], x[i].length + 1);
            data[i][x[i].length] = y[i];
        }
        List<String> names = new ArrayList<>(features);
        names.add(TARGET);
        return DataFrame.of(data, names.toArray(String[]::new));
    }

    private static double[][] rows(double[][] x, List<Integer> index) {
        return index.stream().map(i -> x[i]).toArray(double[][]::new);
    }

    private static double[] rows(double[] y, List<Integer> index) {
        return index.stream().mapToDouble(i -> y[i]).toArray();
    }

    /** Hours to failure (0 to the horizon) from an episode's state, with the trees' agreement as confidence. */
    public Estimate estimate(double[] episodeState) {
        Tuple row = Tuple.of(Arrays.copyOf(episodeState, schema.length()), schema);
        RandomForest.Model[] trees = forest.models();
        double sum = 0, sumSquares = 0;
        for (RandomForest.Model tree : trees) {
            double p = tree.tree.predict(row);
            sum += p;
            sumSquares += p * p;
        }
        double mean = sum / trees.length;
        double spread = Math.sqrt(Math.max(0, sumSquares / trees.length - mean * mean));
        double hours = Math.max(0, Math.min(horizonHours, mean));
        return new Estimate(hours, Math.max(0, 1 - spread / Math.max(hours, 1)));
    }

    public List<String> features() {
        return features;
    }

    public int examples() {
        return examples;
    }

    public int devices() {
        return devices;
    }

    /** Mean absolute error in hours on the held-out devices; NaN when too few devices to hold any out. */
    public double heldOutMeanAbsoluteErrorHours() {
        return heldOutMeanAbsoluteErrorHours;
    }

    public double horizonHours() {
        return horizonHours;
    }
}
