package io.forewarn.simulator.usage;

import io.forewarn.simulator.Seeds;
import java.util.Map;

/**
 * The temperature around one device, in °C: its region's seasonal level, plus the daily swing (coolest around 3:00,
 * warmest around 15:00), plus the region's weather of the day, plus the device's own microclimate.
 *
 * <p>Weather is a pure function of the fleet's seed, the region and the day, so devices of one region share it.
 * The simulator's clock is read as the devices' local time.
 */
public final class Ambient {
    /** How far the weather of a day departs from the season's normal, at most, in °C. */
    public static final double WEATHER_SWING = 3.0;
    /** How far a device's spot (a sunny wall, a cellar) departs from its region, at most, in °C. */
    public static final double MICROCLIMATE = 2.0;

    private static final double SECONDS_PER_DAY = 86_400;
    private static final double DAYS_PER_YEAR = 365.25;
    // The season's coldest day, in days after 1 January: around 21 January.
    private static final double COLDEST_DAY_OF_YEAR = 20;
    private static final long WEATHER_STREAM = 0x3EA7;
    private static final long MICROCLIMATE_STREAM = 0xC11;

    /** A region's climate: annual mean, seasonal amplitude and daily swing (half the day's range), in °C. */
    record Climate(double annualMean, double seasonalAmplitude, double dailySwing) {}

    // One per service region of DeviceProfile.REGIONS; an unknown region gets the temperate "east".
    private static final Map<String, Climate> CLIMATES = Map.of(
            "north", new Climate(10, 15, 6),
            "south", new Climate(22, 7, 4),
            "east", new Climate(17, 11, 5),
            "west", new Climate(14, 13, 7));

    private final Climate climate;
    private final long weatherSeed;
    private final double microclimate;

    private Ambient(Climate climate, long weatherSeed, double microclimate) {
        this.climate = climate;
        this.weatherSeed = weatherSeed;
        this.microclimate = microclimate;
    }

    /** The ambient of a device in {@code region}; {@code fleetSeed} decides the weather, {@code deviceSeed} the spot. */
    public static Ambient of(String region, long fleetSeed, long deviceSeed) {
        Climate climate = CLIMATES.getOrDefault(region, CLIMATES.get("east"));
        long weatherSeed = Seeds.mix(fleetSeed, WEATHER_STREAM, region.hashCode());
        double microclimate = (2 * Seeds.unitDouble(Seeds.mix(deviceSeed, MICROCLIMATE_STREAM)) - 1) * MICROCLIMATE;
        return new Ambient(climate, weatherSeed, microclimate);
    }

    /** The temperature around the device at {@code epochSecond}, in °C. */
    public double at(long epochSecond) {
        return seasonal(epochSecond) + departure(epochSecond);
    }

    /**
     * How warm it is for the season at {@code epochSecond}, from −1 (the coolest the day's swing and weather reach)
     * to 1 (the warmest): the part of the ambient that moves a running product's readings within their normal range.
     */
    public double anomaly(long epochSecond) {
        return departure(epochSecond) / (climate.dailySwing() + WEATHER_SWING);
    }

    /** The day's weather, −1 (cool) to 1 (hot), for {@code epochDay}. */
    double weather(long epochDay) {
        return 2 * Seeds.unitDouble(Seeds.mix(weatherSeed, epochDay)) - 1;
    }

    private double seasonal(long epochSecond) {
        double yearFraction = (epochSecond / SECONDS_PER_DAY - COLDEST_DAY_OF_YEAR) / DAYS_PER_YEAR;
        return climate.annualMean() + microclimate - climate.seasonalAmplitude() * Math.cos(2 * Math.PI * yearFraction);
    }

    // Daily swing plus the weather, interpolated between the days' middays so it never jumps at midnight.
    private double departure(long epochSecond) {
        double hourFraction = Math.floorMod(epochSecond, (long) SECONDS_PER_DAY) / SECONDS_PER_DAY;
        double daily = climate.dailySwing() * Math.sin(2 * Math.PI * (hourFraction - 9.0 / 24));
        double fromMidday = (epochSecond - SECONDS_PER_DAY / 2) / SECONDS_PER_DAY;
        long day = (long) Math.floor(fromMidday);
        double f = fromMidday - day;
        double weather = (1 - f) * weather(day) + f * weather(day + 1);
        return daily + WEATHER_SWING * weather;
    }
}
