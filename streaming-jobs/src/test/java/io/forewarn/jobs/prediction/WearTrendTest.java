package io.forewarn.jobs.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wear trend extrapolates accelerating wear to its failure hour and finds none in a device that is not wearing. */
class WearTrendTest {
    /** Readings every five minutes, as the catalog's products send them. */
    static final double STEP_HOURS = 5.0 / 60;

    @ParameterizedTest(name = "onset {0} h, failure {1} h after onset, observed for {2} h")
    @CsvSource({
            "-48, 120, 24",   // the demo: wear under way two days before the first reading, failure three days in
            "-48, 168, 36",
            "-12, 60, 24",
            "-96, 200, 48"})
    void quadraticWearIsExtrapolatedToItsFailureHourWithinAFewPercent(double onsetHour, double wearHours, double observedHours) {
        WearTrend trend = new WearTrend(DevicePrognosis.TREND_MEMORY);
        Random noise = new Random(7);
        for (double t = 0; t <= observedHours; t += STEP_HOURS) {
            double progress = Math.pow((t - onsetHour) / wearHours, 2);
            trend.add(t, progress + 0.01 * noise.nextGaussian());
        }

        double failureHour = onsetHour + wearHours;
        double timeToFailure = failureHour - observedHours;
        assertThat(trend.hoursAtFailure()).isCloseTo(failureHour, within(0.05 * timeToFailure));
        assertThat(trend.slope()).isCloseTo(1 / wearHours, within(0.05 / wearHours));
        assertThat(trend.fitQuality()).isGreaterThan(DevicePrognosis.MIN_FIT_QUALITY);
    }

    @Test
    void noiselessQuadraticWearIsExtrapolatedExactly() {
        WearTrend trend = new WearTrend(DevicePrognosis.TREND_MEMORY);
        for (double t = 0; t <= 24; t += STEP_HOURS) {
            trend.add(t, Math.pow((t + 48) / 120, 2));
        }

        assertThat(trend.hoursAtFailure()).isCloseTo(72, within(1e-6));
        assertThat(trend.fitQuality()).isCloseTo(1, within(1e-9));
    }

    @Test
    void aPerfectlySteadyDeviceHasNoFailureHourAndNoFit() {
        WearTrend trend = new WearTrend(DevicePrognosis.TREND_MEMORY);
        for (double t = 0; t <= 48; t += STEP_HOURS) {
            trend.add(t, 0.04);
        }

        assertThat(trend.hoursAtFailure()).isNaN();
        assertThat(trend.fitQuality()).isZero();
    }

    @Test
    void aNoisySteadyDeviceHasNoFailureHourOrAFitTooPoorToTrust() {
        WearTrend trend = new WearTrend(DevicePrognosis.TREND_MEMORY);
        Random noise = new Random(11);
        for (double t = 0; t <= 48; t += STEP_HOURS) {
            trend.add(t, 0.04 + 0.02 * noise.nextGaussian());
        }

        double failureHour = trend.hoursAtFailure();
        assertThat(Double.isNaN(failureHour) || trend.fitQuality() < DevicePrognosis.MIN_FIT_QUALITY)
                .as("failure hour %s with fit quality %s", failureHour, trend.fitQuality()).isTrue();
        assertThat(trend.fitQuality()).isLessThan(0.1);
    }

    @Test
    void aRecoveringDeviceHasNoFailureHour() {
        WearTrend trend = new WearTrend(DevicePrognosis.TREND_MEMORY);
        for (double t = 0; t <= 24; t += STEP_HOURS) {
            trend.add(t, Math.pow(0.6 - t / 60, 2));
        }

        assertThat(trend.slope()).isNegative();
        assertThat(trend.hoursAtFailure()).isNaN();
    }
}
