package io.forewarn.simulator.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forewarn.simulator.fleet.DeviceProfile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ambient temperature: seasons, days and regions, shared weather, and an anomaly bounded to −1..1. */
class AmbientTest {
    static final List<String> REGIONS = DeviceProfile.REGIONS;

    static double mean(Ambient ambient, String from, int days) {
        long start = Instant.parse(from).getEpochSecond();
        double sum = 0;
        int n = 0;
        for (long t = start; t < start + days * 86_400L; t += 900) {
            sum += ambient.at(t);
            n++;
        }
        return sum / n;
    }

    @Test
    void summerIsWarmerThanWinter_andTheSouthWarmerThanTheNorth() {
        for (String region : REGIONS) {
            Ambient ambient = Ambient.of(region, 1, 1);
            assertThat(mean(ambient, "2026-07-10T00:00:00Z", 14)).as(region).isGreaterThan(mean(ambient, "2026-01-10T00:00:00Z", 14) + 8);
        }
        assertThat(mean(Ambient.of("south", 1, 1), "2026-01-10T00:00:00Z", 14))
                .isGreaterThan(mean(Ambient.of("north", 1, 1), "2026-01-10T00:00:00Z", 14) + 5);
    }

    @Test
    void afternoonsAreWarmerThanNights_andTheAnomalyStaysWithinPlusMinusOne() {
        Ambient ambient = Ambient.of("west", 3, 3);
        long day = Instant.parse("2026-04-01T00:00:00Z").getEpochSecond();
        int warmer = 0;
        for (int d = 0; d < 60; d++) {
            long midnight = day + d * 86_400L;
            if (ambient.at(midnight + 15 * 3600) > ambient.at(midnight + 3 * 3600)) warmer++;
            for (long t = midnight; t < midnight + 86_400; t += 600) {
                assertThat(ambient.anomaly(t)).isBetween(-1.0, 1.0);
            }
        }
        assertThat(warmer).isGreaterThan(50);
    }

    @Test
    void devicesOfOneRegionShareTheWeather_theirSpotsDiffer_andTheWeatherNeverJumps() {
        Ambient a = Ambient.of("east", 42, 1);
        Ambient b = Ambient.of("east", 42, 2);
        Ambient otherFleet = Ambient.of("east", 43, 1);
        long t0 = Instant.parse("2026-10-01T00:00:00Z").getEpochSecond();
        double offset = a.at(t0) - b.at(t0);
        assertThat(Math.abs(offset)).isLessThanOrEqualTo(2 * Ambient.MICROCLIMATE).isPositive();
        boolean weatherDiffers = false;
        for (long t = t0; t < t0 + 30 * 86_400L; t += 300) {
            assertThat(a.at(t) - b.at(t)).isCloseTo(offset, within(1e-9));
            assertThat(Math.abs(a.at(t + 300) - a.at(t))).as("five minutes apart").isLessThan(0.5);
            weatherDiffers |= Math.abs(a.anomaly(t) - otherFleet.anomaly(t)) > 0.1;
        }
        assertThat(weatherDiffers).as("another fleet seed, other weather").isTrue();
    }
}
