package io.forewarn.alerts.timeseries;

/** One sensor of one device in one bucket: the readings' mean, smallest, largest, and how many there were. */
public record SensorStats(double mean, double min, double max, long count) {}
