package io.forewarn.jobs.features;

import java.time.Instant;

/**
 * A device's smoothed state after one reading.
 *
 * @param smoothed the EWMA of each feature in its unit, in {@link FeatureLayout} order
 * @param normalised the same in half-widths of the healthy range from its middle
 */
public record FeatureVector(
        String deviceId, String productModel, Instant eventTime, long seq, double[] smoothed, double[] normalised) {}
