package io.forewarn.alerts.timeseries;

/**
 * One sensor across a product model's devices in one bucket. Each device counts once: {@code mean} is the mean of the
 * devices' bucket means, {@code min} and {@code max} the extremes of all readings.
 *
 * @param devices how many devices reported this sensor in the bucket
 */
public record FleetStats(double mean, double min, double max, int devices) {}
