package io.forewarn.jobs.baseline;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The shapes a sensor's recent course has taken, learned online by fuzzy Adaptive Resonance Theory (ART, Carpenter,
 * Grossberg and Rosen 1991): the readings are averaged over steps of a fixed number of readings, each step's mean is
 * placed in the usual range (0 at its low end, 1 at its high end, clamped there), and the last {@value #WINDOW} step
 * means make a point in a unit cube. A category is a box in that cube; a point resonates with a box when the box,
 * grown to hold it, would still be small (its match, 1 minus the box's growth per dimension, at least the learning
 * vigilance {@value #LEARNING_VIGILANCE}), and the box that resonates best (the one it fits most snugly) grows to
 * hold it. A point no box resonates with founds a category of its own, up to {@value #CAPACITY} of them; the memory is
 * then full and only grows its boxes.
 *
 * <p>Coordinates are kept in 1/65,535 steps of the range (at 1/255 the NAB score was a point lower: the vigilance
 * tests are that sensitive), so a category is {@value #WINDOW} pairs of chars and the whole memory under 800 bytes
 * (when full) however long the sensor runs.
 */
final class ShapeMemory implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Step means in a shape. */
    static final int WINDOW = 3;
    /** Categories at most. */
    static final int CAPACITY = 64;
    /** How snugly a shape must fit a category for the category to learn it. */
    static final double LEARNING_VIGILANCE = 0.9;
    private static final int FULL = 65_535;
    /** Fuzzy ART's choice parameter (in steps of the coordinates): among boxes that fit, a small one is preferred. */
    private static final double CHOICE = 0.001 * FULL;

    private final double low;
    private final double width;
    private final int readingsPerStep;
    private final char[] steps = new char[WINDOW]; // the last step means, oldest first
    private int stepsTaken;
    private double stepSum;
    private int inStep;
    // Room for 8 categories at first, doubled as needed up to the capacity: a steady sensor keeps a few dozen at most.
    private char[] lows = new char[8 * WINDOW];
    private char[] highs = new char[8 * WINDOW];
    private int categories;

    /** A memory for a sensor whose usual range starts at {@code low} and is {@code width} wide. */
    ShapeMemory(double low, double width, int readingsPerStep) {
        if (!(width > 0) || readingsPerStep < 1) {
            throw new IllegalArgumentException("a shape memory needs a positive range width and step, got " + width
                    + " and " + readingsPerStep);
        }
        this.low = low;
        this.width = width;
        this.readingsPerStep = readingsPerStep;
    }

    /**
     * How well the shape ending with {@code value} (the step in progress, with this reading in it) fits the category
     * it fits best, in [0, 1]; 1 while there is nothing to compare with yet. Learns nothing.
     */
    double fitOfShapeEndingWith(double value) {
        if (stepsTaken < WINDOW - 1 || categories == 0) {
            return 1.0;
        }
        int[] shape = new int[WINDOW];
        for (int i = 0; i < WINDOW - 1; i++) {
            shape[i] = steps[i + 1];
        }
        shape[WINDOW - 1] = position((stepSum + value) / (inStep + 1));
        return bestFit(shape);
    }

    /**
     * Folds one reading in. When it completes a step and so a new shape, that shape's best fit before learning it (0
     * when the memory is empty); otherwise NaN.
     */
    double fitThenLearn(double value) {
        stepSum += value;
        if (++inStep < readingsPerStep) {
            return Double.NaN;
        }
        System.arraycopy(steps, 1, steps, 0, WINDOW - 1);
        steps[WINDOW - 1] = (char) position(stepSum / inStep);
        stepSum = 0;
        inStep = 0;
        if (++stepsTaken < WINDOW) {
            return Double.NaN;
        }
        stepsTaken = WINDOW; // no need to count further
        int[] shape = new int[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            shape[i] = steps[i];
        }
        int best = 0;
        int chosen = -1; // the category that learns the shape: the best choice among those it resonates with
        double bestChoice = -1;
        for (int c = 0; c < categories; c++) {
            int overlap = overlap(shape, c);
            best = Math.max(best, overlap);
            if (overlap >= LEARNING_VIGILANCE * FULL * WINDOW) {
                int size = 0; // |w| = sum of low + (1 - high)
                for (int i = 0; i < WINDOW; i++) {
                    size += lows[c * WINDOW + i] + FULL - highs[c * WINDOW + i];
                }
                double choice = overlap / (CHOICE + size);
                if (choice > bestChoice) {
                    bestChoice = choice;
                    chosen = c;
                }
            }
        }
        double fit = (double) best / (FULL * WINDOW);
        if (chosen >= 0) {
            for (int i = 0; i < WINDOW; i++) {
                int k = chosen * WINDOW + i;
                lows[k] = (char) Math.min(lows[k], shape[i]);
                highs[k] = (char) Math.max(highs[k], shape[i]);
            }
        } else if (categories < CAPACITY) {
            if (categories * WINDOW == lows.length) {
                lows = Arrays.copyOf(lows, Math.min(CAPACITY * WINDOW, 2 * lows.length));
                highs = Arrays.copyOf(highs, lows.length);
            }
            for (int i = 0; i < WINDOW; i++) {
                lows[categories * WINDOW + i] = (char) shape[i];
                highs[categories * WINDOW + i] = (char) shape[i];
            }
            categories++;
        }
        return fit;
    }

    /** How many categories the memory holds. */
    int categories() {
        return categories;
    }

    private int position(double mean) {
        double share = (mean - low) / width;
        return (int) Math.round(Math.max(0.0, Math.min(1.0, share)) * FULL);
    }

    /** Fuzzy ART's match of a point with category {@code c}, in coordinate steps summed over the window. */
    private int overlap(int[] shape, int c) {
        int sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            int x = shape[i];
            // |x ∧ w| with complement coding: min(x, low) + min(1 - x, 1 - high)
            sum += Math.min(x, lows[c * WINDOW + i]) + FULL - Math.max(x, highs[c * WINDOW + i]);
        }
        return sum;
    }

    private double bestFit(int[] shape) {
        int best = 0;
        for (int c = 0; c < categories; c++) {
            best = Math.max(best, overlap(shape, c));
        }
        return (double) best / (FULL * WINDOW);
    }
}
