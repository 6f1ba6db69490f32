package io.forewarn.contracts.catalog;

/** A cross-sensor feature defined as the difference of two sensors, e.g. superheat = suction line minus evaporator temperature. */
public record DerivedFeature(String name, String unit, String minuend, String subtrahend, String description) implements java.io.Serializable {}
