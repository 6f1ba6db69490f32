package io.forewarn.jobs.features;

import io.forewarn.jobs.baseline.BaselineScore;
import java.time.Instant;

/**
 * A device's smoothed state after one reading.
 *
 * @param smoothed the EWMA of each feature in its unit, in {@link FeatureLayout} order
 * @param normalised the same in half-widths of the healthy range from its middle
 * @param baseline how new the reading is to this device's own baseline, with the sensor that drove it
 */
public record FeatureVector(String deviceId, String productModel, Instant eventTime, long seq, double[] smoothed,
                            double[] normalised, BaselineScore baseline) {

    /** A vector without a baseline score (training and replays that smooth features only). */
    public FeatureVector(String deviceId, String productModel, Instant eventTime, long seq, double[] smoothed,
                         double[] normalised) {
        this(deviceId, productModel, eventTime, seq, smoothed, normalised, BaselineScore.NONE);
    }

    /** The same vector with {@code score} as its baseline score. */
    public FeatureVector withBaseline(BaselineScore score) {
        return new FeatureVector(deviceId, productModel, eventTime, seq, smoothed, normalised, score);
    }
}
