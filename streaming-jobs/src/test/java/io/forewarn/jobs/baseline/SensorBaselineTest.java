package io.forewarn.jobs.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A sensor's own baseline flags what is new to the sensor, once per event, and keeps a bounded state. */
class SensorBaselineTest {
    static final BaselineSettings SETTINGS = BaselineSettings.withWarmUp(288);

    /** A daily cycle of 5-minute readings around {@code level}, with noise of one unit. */
    static double reading(Random random, int i, double level) {
        return level + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
    }

    /** A baseline that has seen {@code days} ordinary days of the daily cycle around 50. */
    static SensorBaseline afterOrdinaryDays(Random random, int days) {
        SensorBaseline baseline = new SensorBaseline(SETTINGS);
        for (int i = 0; i < days * 288; i++) {
            baseline.score(reading(random, i, 50));
        }
        return baseline;
    }

    @Test
    void scoresNothingDuringTheWarmUp() {
        SensorBaseline baseline = new SensorBaseline(SETTINGS);
        Random random = new Random(1);
        for (int i = 0; i < SETTINGS.warmUpReadings(); i++) {
            assertThat(baseline.score(i == 100 ? 1e6 : reading(random, i, 50))).isZero();
        }
        assertThat(baseline.warmedUp()).isTrue();
    }

    @Test
    void aSpikeIsScoredOneAndOrdinaryReadingsRarelyAlarm() {
        SensorBaseline baseline = new SensorBaseline(SETTINGS);
        Random random = new Random(2);
        int alarms = 0;
        for (int i = 0; i < 10 * 288; i++) {
            double s = baseline.score(reading(random, i, 50));
            if (i >= SETTINGS.warmUpReadings() && s >= SETTINGS.alarmLevel()) {
                alarms++;
            }
        }
        assertThat(alarms).as("alarms in nine ordinary days").isLessThanOrEqualTo(9);
        assertThat(baseline.score(90)).isEqualTo(1.0);
    }

    @Test
    void aStepChangeAlarmsOnceThenStaysQuietAndTheNewLevelBecomesFamiliar() {
        SensorBaseline baseline = new SensorBaseline(new BaselineSettings(288, 30, 3, 4, 0.25));
        Random random = new Random(3);
        for (int i = 0; i < 3 * 288; i++) {
            baseline.score(50 + random.nextGaussian());
        }
        assertThat(baseline.score(70 + random.nextGaussian())).isEqualTo(1.0);
        for (int i = 0; i < 30; i++) {
            assertThat(baseline.score(70 + random.nextGaussian())).as("quiet after the alarm").isZero();
        }
        int alarms = 0;
        for (int i = 0; i < 288; i++) {
            if (baseline.score(70 + random.nextGaussian()) >= 0.25) {
                alarms++;
            }
        }
        // What is left are the noise's rare tails beyond anything seen yet (about 1 % here, fewer as time goes on).
        assertThat(alarms).as("alarms in the day after the step").isLessThanOrEqualTo(3);
    }

    @Test
    void aCycleThatStopsSwingingAlarmsThoughEveryReadingIsFamiliar() {
        Random random = new Random(7);
        SensorBaseline baseline = afterOrdinaryDays(random, 3);
        // Stuck in the middle third of the daily swing: the cycle stayed there at most ~100 readings at a time.
        int firstAlarm = -1;
        int alarms = 0;
        for (int i = 0; i < 300; i++) {
            double s = baseline.score(50 + random.nextGaussian());
            if (s >= SETTINGS.alarmLevel()) {
                alarms++;
                if (firstAlarm < 0) {
                    firstAlarm = i;
                    // As new as a level new at one resolution, weighed by how familiar the shape of the stay is.
                    assertThat(s).as("a level new at one resolution").isBetween(SETTINGS.alarmLevel(), 0.25);
                }
            }
        }
        assertThat(firstAlarm).as("readings stuck before the alarm").isBetween(100, 256);
        assertThat(alarms).as("one alarm per doubling of the stay").isLessThanOrEqualTo(2);
    }

    @Test
    void aCycleThatSwingsFasterAlarmsThoughEveryReadingIsFamiliar() {
        Random random = new Random(8);
        SensorBaseline baseline = afterOrdinaryDays(random, 5);
        // The same swing between the same extremes, four times a day: a shape the sensor has never made.
        int firstAlarm = -1;
        for (int i = 0; i < 288 && firstAlarm < 0; i++) {
            if (baseline.score(50 + 10 * Math.sin(2 * Math.PI * i / 72.0) + random.nextGaussian()) >= SETTINGS.alarmLevel()) {
                firstAlarm = i;
            }
        }
        assertThat(firstAlarm).as("readings of the faster cycle before the alarm").isBetween(0, 72);
    }

    @Test
    void continuesWhereItLeftOffAfterARoundTripThroughSerialisation() throws Exception {
        SensorBaseline original = new SensorBaseline(SETTINGS);
        Random random = new Random(9);
        for (int i = 0; i < 2 * 288; i++) {
            original.score(reading(random, i, 50));
        }
        SensorBaseline copy = roundTrip(original);
        for (int i = 0; i < 2 * 288; i++) {
            double value = i == 300 ? 95 : reading(random, i, 50 + i / 100.0);
            assertThat(copy.score(value)).as("reading " + i).isEqualTo(original.score(value));
        }
    }

    @Test
    void aSensorThatNeverMovesNeverAlarms() {
        SensorBaseline baseline = new SensorBaseline(SETTINGS);
        for (int i = 0; i < 20 * 288; i++) {
            assertThat(baseline.score(0.5)).as("reading " + i).isZero();
        }
    }

    @Test
    void eachDeviceLearnsItsOwnOperatingPoint() {
        // Two devices of one product: one runs at 20 units, the other at 60, both within the product's healthy range.
        java.util.List<String> sensors = java.util.List.of("temperature");
        DeviceBaseline cool = new DeviceBaseline(SETTINGS, 1);
        DeviceBaseline warm = new DeviceBaseline(SETTINGS, 1);
        SensorBaseline learnedOnTheCoolOne = new SensorBaseline(SETTINGS);
        Random random = new Random(4);
        int alarms = 0;
        for (int i = 0; i < 5 * 288; i++) {
            double c = 20 + random.nextGaussian();
            double w = 60 + random.nextGaussian();
            BaselineScore coolScore = cool.score(sensors, new double[] {c});
            BaselineScore warmScore = warm.score(sensors, new double[] {w});
            learnedOnTheCoolOne.score(c);
            if (i >= SETTINGS.warmUpReadings() && (coolScore.alarm() || warmScore.alarm())) {
                alarms++;
            }
        }
        // Fewer than 5 per 1,000 readings: only the noise's rare tails beyond anything the device has shown.
        assertThat(alarms).as("alarms of both devices in four ordinary days").isLessThan(2 * 4 * 288 * 5 / 1000);
        assertThat(learnedOnTheCoolOne.score(60)).as("the warm device's normal, on the cool one's baseline").isEqualTo(1.0);
    }

    @Test
    void theScoreNamesTheSensorThatDroveIt() {
        DeviceBaseline device = new DeviceBaseline(new BaselineSettings(288, 0, 3, 4, 0.25), 2); // never quiet
        java.util.List<String> sensors = java.util.List.of("pressure", "vibration");
        Random random = new Random(5);
        for (int i = 0; i < SETTINGS.warmUpReadings() + 100; i++) {
            device.score(sensors, new double[] {4 + 0.1 * random.nextGaussian(), 2 + 0.1 * random.nextGaussian()});
        }
        BaselineScore score = device.score(sensors, new double[] {4, 9});
        assertThat(score.alarm()).isTrue();
        assertThat(score.sensor()).isEqualTo("vibration");
        assertThat(score.value()).isEqualTo(9.0);
        assertThat(score.usualHigh()).isBetween(2.0, 3.0);
        assertThat(device.score(sensors, new double[] {Double.NaN, 2}).sensor()).as("a missing sensor is skipped")
                .isEqualTo("vibration");
    }

    @Test
    void stateStaysBoundedHoweverLongTheSensorRuns() throws IOException {
        SensorBaseline baseline = new SensorBaseline(SETTINGS);
        Random random = new Random(6);
        double level = 0;
        int largest = 0;
        for (int i = 1; i <= 200_000; i++) {
            // A random walk keeps finding new levels, and swings of every size make new shapes.
            baseline.score(level += (i < 1_000 ? 1 : 10) * random.nextGaussian() + 5 * Math.sin(i / 7.0));
            if (i % 20_000 == 0) {
                largest = Math.max(largest, serialisedBytes(baseline));
            }
        }
        // The level maps never grow; the two shape memories grow to 64 categories (768 bytes each) and stop.
        assertThat(largest).isLessThan(3_000);
    }

    /** Counts per interval with a heavy upper tail: median 10, a tenth of them above about 36. */
    static double count(Random random) {
        return Math.floor(Math.exp(Math.log(10) + random.nextGaussian()));
    }

    @Test
    void aHeavyTailedCountIsPlacedOnALogScaleSoItsEverHigherHighsAreLessNews() {
        Random random = new Random(8);
        SensorBaseline counts = new SensorBaseline(SETTINGS);
        // The same readings far below zero: no longer counts, so placed linearly, and otherwise scored the same.
        SensorBaseline linear = new SensorBaseline(SETTINGS);
        int countAlarms = 0;
        int linearAlarms = 0;
        for (int i = 0; i < 20 * 288; i++) {
            double x = count(random);
            countAlarms += counts.score(x) >= SETTINGS.alarmLevel() ? 1 : 0;
            linearAlarms += linear.score(x - 10_000) >= SETTINGS.alarmLevel() ? 1 : 0;
        }
        assertThat(countAlarms).as("alarms in 19 days of counts on the log scale").isLessThan(linearAlarms);
        assertThat(linearAlarms).as("on the linear scale (the tail's new highs)").isPositive();

        SensorBaseline fresh = new SensorBaseline(SETTINGS);
        for (int i = 0; i < SETTINGS.warmUpReadings(); i++) {
            fresh.score(count(random));
        }
        assertThat(fresh.score(100_000)).as("a burst far beyond the tail").isGreaterThanOrEqualTo(SETTINGS.alarmLevel());
    }

    @Test
    void onlyAWarmUpWithAHeavyUpperTailGetsTheLogScale() {
        Random random = new Random(9);
        float[] counts = new float[288];
        float[] cycle = new float[288];
        float[] belowZero = new float[288];
        float[] flat = new float[288];
        for (int i = 0; i < 288; i++) {
            counts[i] = (float) count(random);
            cycle[i] = (float) reading(random, i, 50);
            belowZero[i] = counts[i] - 10_000;
            flat[i] = 7;
        }
        float[] sorted = counts.clone();
        Arrays.sort(sorted);
        assertThat(sorted[259] - sorted[144]).as("the tail of the counts").isGreaterThan(2 * (sorted[144] - sorted[0]));
        assertThat(SensorBaseline.heavyTailScale(counts, sorted[0])).isEqualTo(sorted[144] - sorted[0]);
        assertThat(SensorBaseline.heavyTailScale(cycle, min(cycle))).as("a daily cycle").isZero();
        assertThat(SensorBaseline.heavyTailScale(belowZero, min(belowZero))).as("not a count").isZero();
        assertThat(SensorBaseline.heavyTailScale(flat, 7)).as("a flat warm-up").isZero();
    }

    static float min(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    @Test
    void rejectsAReadingThatIsNotANumberAndSettingsThatMakeNoSense() {
        SensorBaseline baseline = new SensorBaseline(SETTINGS);
        assertThatThrownBy(() -> baseline.score(Double.POSITIVE_INFINITY)).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> new BaselineSettings(1, 0, 3, 4, 0.25)).hasMessageContaining("1 warm-up readings");
        assertThatThrownBy(() -> BaselineSettings.fromEnv(Map.of("FOREWARN_BASELINE_WARM_UP", "lots")))
                .hasMessageContaining("FOREWARN_BASELINE_WARM_UP");
    }

    @Test
    void readsItsWarmUpAndQuietPeriodFromTheEnvironment() {
        assertThat(BaselineSettings.fromEnv(Map.of())).isEqualTo(BaselineSettings.defaults());
        BaselineSettings s = BaselineSettings.fromEnv(Map.of("FOREWARN_BASELINE_WARM_UP", "2016", "FOREWARN_BASELINE_QUIET", "12"));
        assertThat(s.warmUpReadings()).isEqualTo(2016);
        assertThat(s.quietReadings()).isEqualTo(12);
    }

    static SensorBaseline roundTrip(SensorBaseline baseline) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(baseline);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SensorBaseline) in.readObject();
        }
    }

    static int serialisedBytes(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }
}
