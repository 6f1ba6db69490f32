package io.forewarn.jobs.baseline;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One sensor's own baseline, learned online. A warm-up fixes the sensor's usual range; from then on the range is cut
 * into levels at a few resolutions (the coarsest {@code levels} wide, each next one twice as fine; the warm-up's
 * readings and the finest level just beyond each end of its range count as seen), and a reading scores by the share
 * of resolutions at which its level is new to the sensor: a value far outside anything the sensor
 * has shown scores 1, one just beside values it has shown scores little, one in familiar territory 0. The slow
 * average of the readings (about the last {@value #SMOOTHED_MEMORY} of them) is followed the same way, at half
 * weight, so a drift to a new operating point counts even while every single reading stays within the usual range.
 * And a stay in one third of the usual range (a level of the coarsest resolution) that grows longer than any stay the
 * sensor has made before, in powers of two, counts as a level new at one resolution: a sensor stuck low, or a cycle
 * that stopped swinging, is news even though each of its readings is familiar.
 *
 * <p>Those level scores are weighed by the shape of the sensor's recent course: two {@link ShapeMemory}s (fuzzy ART
 * over the last {@value ShapeMemory#WINDOW} means of steps of 1/{@value #COARSE_STEPS} and 1/{@value #FINE_STEPS} of
 * the warm-up) learn the shapes the sensor makes, and a new level whose shape fits a learned category well counts
 * less (down to {@value #FAMILIAR_SHAPE_WEIGHT} of its score when the shape's fit is 1, in full when the fit is
 * {@value #FULLY_NEW_SHAPE_FIT} or less): a new high at the end of a familiar rise is less news than one reached by a
 * jump the sensor has never made. And a coarse shape that fits no category even to {@value #NEW_SHAPE_FIT} scores
 * as a level new at one resolution, though each of its readings may be familiar.
 *
 * <p>A sensor whose warm-up has a heavy upper tail (non-negative readings whose 90th percentile is more than
 * {@value #HEAVY_TAIL_RATIO} times as far above the median as the median is above the lowest reading: counts such as
 * tweets or requests per interval) places its readings in levels on a log scale, {@code log(1 + (x - lowest) /
 * (median - lowest))}: there each new high a little beyond the last is familiar ground, and only one several times
 * higher is news, where on a linear scale every new high would be. Its slow average, stays and shapes stay linear.
 * After a score at the alarm level the sensor stays quiet for a while (and longer while new levels keep coming), so
 * one event raises one alarm, as one open ticket per problem does.
 *
 * <p>State is bounded: a few numbers, two {@link SeenLevels} (about 60 bytes each at the defaults), a
 * {@link DwellRecord} and two {@link ShapeMemory}s (about 400 bytes each); during the warm-up, also the warm-up
 * readings.
 */
public final class SensorBaseline implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Readings the slow average remembers (its weight per reading is the inverse). */
    public static final int SMOOTHED_MEMORY = 50;
    /** How much a new level of the slow average counts against a new level of the reading itself. */
    public static final double SMOOTHED_WEIGHT = 0.5;
    /** The coarse shape memory's steps: the warm-up is this many of them. */
    public static final int COARSE_STEPS = 32;
    /** The fine shape memory's steps: the warm-up is this many of them. */
    public static final int FINE_STEPS = 128;
    /** What a new level counts when the shape it ends fits a learned one perfectly. */
    public static final double FAMILIAR_SHAPE_WEIGHT = 0.25;
    /** A shape that fits no better than this makes a new level count in full. */
    public static final double FULLY_NEW_SHAPE_FIT = 0.9;
    /** A coarse shape that fits no category this well is news in itself. */
    public static final double NEW_SHAPE_FIT = 0.85;
    /** How much further the warm-up's 90th percentile must lie above its median than the median above its lowest. */
    public static final double HEAVY_TAIL_RATIO = 2.0;

    private final BaselineSettings settings;
    private float[] warmUp;           // the readings so far, until the warm-up ends
    private int warmUpCount;
    private double low;
    private double high;
    private double width;
    private double tailScale;         // median minus lowest of a heavy-tailed warm-up; 0: readings placed linearly
    private double readingLow;        // the warm-up's range on the readings' own scale
    private double readingWidth;
    private SeenLevels readings;
    private SeenLevels smoothed;
    private final DwellRecord dwell = new DwellRecord();
    private ShapeMemory coarseShapes;
    private ShapeMemory fineShapes;
    private double average;
    private int sinceAlarm = Integer.MAX_VALUE;

    public SensorBaseline(BaselineSettings settings) {
        this.settings = settings;
        this.warmUp = new float[settings.warmUpReadings()];
    }

    /** Folds one reading in; returns its anomaly score in [0, 1] (0 while warming up, and while quiet after an alarm). */
    public double score(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("sensor reading is not a finite number: " + value);
        }
        if (warmUp != null) {
            warmUp[warmUpCount++] = (float) value;
            if (warmUpCount == warmUp.length) {
                learnRange();
            }
            return 0.0;
        }
        double raw = novelty(value);
        boolean quiet = sinceAlarm < settings.quietReadings();
        if (raw >= settings.alarmLevel()) {
            sinceAlarm = 0;
        } else if (sinceAlarm != Integer.MAX_VALUE) {
            sinceAlarm++;
        }
        return quiet ? 0.0 : raw;
    }

    /** Whether the warm-up is over, so scores mean something. */
    public boolean warmedUp() {
        return warmUp == null;
    }

    /** The lowest reading of the warm-up (NaN before it ends). */
    public double usualLow() {
        return warmedUp() ? low : Double.NaN;
    }

    /** The highest reading of the warm-up (NaN before it ends). */
    public double usualHigh() {
        return warmedUp() ? high : Double.NaN;
    }

    private void learnRange() {
        low = Double.POSITIVE_INFINITY;
        high = Double.NEGATIVE_INFINITY;
        for (float v : warmUp) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        // A flat warm-up: any change is news. A hair wider than the range, so its highest reading is in its top level.
        width = widthOf(low, high);
        tailScale = heavyTailScale(warmUp, low);
        readingLow = onReadingScale(low);
        readingWidth = widthOf(readingLow, onReadingScale(high));
        readings = new SeenLevels(settings.levels(), settings.resolutions());
        smoothed = new SeenLevels(settings.levels(), settings.resolutions());
        average = warmUp[0];
        coarseShapes = new ShapeMemory(low, width, Math.max(1, Math.round((float) warmUp.length / COARSE_STEPS)));
        fineShapes = new ShapeMemory(low, width, Math.max(1, Math.round((float) warmUp.length / FINE_STEPS)));
        float[] history = warmUp;
        warmUp = null;
        for (float v : history) {
            novelty(v); // the warm-up's own readings are the first familiar ones
        }
        // The warm-up is a sample: a reading a hair beyond its lowest or highest is not news.
        readings.visitJustBeyondTheRange();
    }

    private double novelty(double value) {
        average += (value - average) / SMOOTHED_MEMORY;
        double ofReading = readings.noveltyThenVisit((onReadingScale(value) - readingLow) / readingWidth);
        double ofAverage = smoothed.noveltyThenVisit((average - low) / width);
        double ofLevels = Math.max(Math.max(ofReading, SMOOTHED_WEIGHT * ofAverage), ofStay(value));
        // Most readings are at familiar levels: only a level score needs the shape in progress weighed (~1 µs).
        double weighed = ofLevels > 0 ? ofLevels * shapeWeight(Math.min(coarseShapes.fitOfShapeEndingWith(value),
                fineShapes.fitOfShapeEndingWith(value))) : 0.0;
        boolean newShape = coarseShapes.fitThenLearn(value) < NEW_SHAPE_FIT; // false for NaN: no shape completed
        fineShapes.fitThenLearn(value);
        return Math.max(weighed, newShape ? 1.0 / settings.resolutions() : 0.0);
    }

    private static double widthOf(double low, double high) {
        return (high > low ? high - low : Math.max(Math.abs(low), 1.0)) * (1 + 1e-6);
    }

    /** The median's distance above the lowest reading if the warm-up's upper tail is heavy, else 0 (linear scale). */
    static double heavyTailScale(float[] warmUp, double lowest) {
        float[] sorted = warmUp.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double upper = sorted[(int) (0.9 * (sorted.length - 1))];
        boolean heavy = lowest >= 0 && median > lowest && upper - median > HEAVY_TAIL_RATIO * (median - lowest);
        return heavy ? median - lowest : 0.0;
    }

    /** A reading on the scale its levels are placed on: log-like above the lowest reading for a heavy tail. */
    private double onReadingScale(double value) {
        if (tailScale == 0) {
            return value;
        }
        double u = (value - low) / tailScale; // below the lowest (negative) mirrored, so any reading has a place
        return Math.signum(u) * Math.log1p(Math.abs(u));
    }

    /** What a level score counts given how well the shape it ends fits the best learned one. */
    private static double shapeWeight(double fit) {
        return Math.max(FAMILIAR_SHAPE_WEIGHT, Math.min(1.0, (1.0 - fit) / (1.0 - FULLY_NEW_SHAPE_FIT)));
    }

    /** A record stay in one third of the usual range scores as a level new at one resolution; elsewhere 0. */
    private double ofStay(double value) {
        // Beyond the usual range a reading is news already; a stay there still lengthens the longest stay.
        int coarseLevel = (int) Math.floor((value - low) / width * settings.levels());
        boolean record = dwell.recordThenStay(coarseLevel);
        return record && coarseLevel >= 0 && coarseLevel < settings.levels() ? 1.0 / settings.resolutions() : 0.0;
    }
}
