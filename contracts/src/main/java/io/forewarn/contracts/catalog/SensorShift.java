package io.forewarn.contracts.catalog;

/**
 * How one sensor moves as a failure mode develops.
 *
 * @param shiftAtFailure the sensor's displacement when the product fails, in half-widths of its normal range;
 *                       the sign is the direction (positive rises)
 */
public record SensorShift(String sensor, double shiftAtFailure) implements java.io.Serializable {}
