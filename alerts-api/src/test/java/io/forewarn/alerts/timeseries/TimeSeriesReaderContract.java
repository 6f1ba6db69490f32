package io.forewarn.alerts.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link TimeSeriesReader} must do, against a real store holding a small known data set written through
 * influxdb-client-java's write API (as the job's sink writes). Each store's test class supplies the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TimeSeriesReaderContract {
    static final String AC = "AC-TEST";
    static final String PUMP = "PUMP-TEST";
    /** Quotes and SQL, but no backslash: QuestDB's line-protocol parser drops a lone backslash in a tag value. */
    static final String EVIL_DEVICE = "x'); DROP TABLE telemetry; -- \"quoted\"";
    static final String EVIL_MODEL = "M' OR '1'='1";
    /** Recent enough that no retention drops it, and a whole hour, so bucket starts are easy to state. */
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    /** Every point written below. */
    static final int POINTS = 11 + 5 + 1 + 1;

    /** The reader under test. */
    abstract TimeSeriesReader reader();

    /** Writes points the way the job does. */
    abstract void write(List<Point> points) throws Exception;

    /**
     * Starts the store before any write (and e.g. creates the schema).
     *
     * @return null when the store runs, else why it cannot: every test is then reported as not run, with that reason
     */
    abstract String startStore() throws Exception;

    private String notRun;

    @BeforeAll
    void writeKnownData() throws Exception {
        notRun = startStore();
        if (notRun != null) {
            System.err.println("\n" + "!".repeat(100) + "\n!!! " + getClass().getSimpleName() + " DID NOT RUN: " + notRun
                    + "\n" + "!".repeat(100) + "\n");
            return;
        }
        List<Point> points = new ArrayList<>();
        // dev-A: temp = i and vib = 10 i at minute i, i = 0..9, and one more reading at minute 10 (temp 100).
        for (int i = 0; i < 10; i++) {
            points.add(point("dev-A", AC, minute(i)).addTag("mode", "cooling").addField("temp", (double) i).addField("vib", 10.0 * i));
        }
        points.add(point("dev-A", AC, minute(10)).addField("temp", 100.0).addField("vib", 1000.0));
        // dev-B: temp only, 100..104 at minutes 0..4.
        for (int i = 0; i < 5; i++) {
            points.add(point("dev-B", AC, minute(i)).addField("temp", 100.0 + i));
        }
        points.add(point("dev-C", PUMP, minute(0)).addField("temp", 1000.0));
        points.add(point(EVIL_DEVICE, EVIL_MODEL, minute(1)).addField("temp", 7.0));
        write(points);
        TimeRange all = new TimeRange(BASE.minus(Duration.ofHours(1)), BASE.plus(Duration.ofHours(1)));
        TrainingSelection everyone = TrainingSelection.devices(Set.of("dev-A", "dev-B", "dev-C", EVIL_DEVICE));
        Awaitility.await("the store applies the writes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    List<TrainingRow> rows = new ArrayList<>();
                    reader().exportTraining(everyone, all, rows::add);
                    assertThat(rows).hasSize(POINTS);
                });
    }

    /** Each test is reported as skipped with the reason, so a run without the store is visible in every report. */
    @BeforeEach
    void requireTheStore() {
        Assumptions.assumeTrue(notRun == null, () -> getClass().getSimpleName() + " DID NOT RUN: " + notRun);
    }

    static Instant minute(int i) {
        return BASE.plus(Duration.ofMinutes(i));
    }

    static Point point(String device, String model, Instant time) {
        return Point.measurement("telemetry").addTag("device_id", device).addTag("product_model", model)
                .time(time.toEpochMilli(), WritePrecision.MS);
    }

    static TimeRange minutes(int from, int to) {
        return new TimeRange(minute(from), minute(to));
    }

    @Test
    void historyBucketsHoldTheMeanMinMaxAndCountOfTheirReadings() {
        DeviceHistory history = reader().deviceHistory("dev-A", minutes(0, 10), Resolution.of(Duration.ofMinutes(5)));

        assertThat(history.buckets()).extracting(HistoryBucket::start).containsExactly(minute(0), minute(5));
        HistoryBucket first = history.buckets().get(0);
        assertThat(first.sensors().get("temp")).isEqualTo(new SensorStats(2, 0, 4, 5));
        assertThat(first.sensors().get("vib")).isEqualTo(new SensorStats(20, 0, 40, 5));
        assertThat(history.buckets().get(1).sensors().get("temp")).isEqualTo(new SensorStats(7, 5, 9, 5));
        assertThat(history.downsampled()).isFalse();
    }

    @Test
    void rangesIncludeTheirStartAndExcludeTheirEnd() {
        assertThat(reader().deviceHistory("dev-A", minutes(1, 3), Resolution.ONE_MINUTE).buckets())
                .extracting(HistoryBucket::start).containsExactly(minute(1), minute(2));
        // The reading at minute 10 (temp 100) belongs to the next range, not to [0, 10).
        assertThat(reader().deviceHistory("dev-A", minutes(0, 10), Resolution.of(Duration.ofMinutes(15))).buckets())
                .singleElement().satisfies(b -> assertThat(b.sensors().get("temp").max()).isEqualTo(9));
        assertThat(reader().deviceHistory("dev-A", minutes(10, 11), Resolution.ONE_MINUTE).buckets())
                .singleElement().satisfies(b -> assertThat(b.sensors().get("temp")).isEqualTo(new SensorStats(100, 100, 100, 1)));
    }

    @Test
    void bucketsStartAtMultiplesOfTheResolutionEvenWhenTheRangeDoesNot() {
        DeviceHistory history = reader().deviceHistory("dev-A", minutes(2, 10), Resolution.of(Duration.ofMinutes(5)));

        assertThat(history.buckets()).extracting(HistoryBucket::start).containsExactly(minute(0), minute(5));
        assertThat(history.buckets().get(0).sensors().get("temp")).isEqualTo(new SensorStats(3, 2, 4, 3));
    }

    @Test
    void sensorsWithoutReadingsInABucketAreLeftOut() {
        DeviceHistory history = reader().deviceHistory("dev-B", minutes(0, 10), Resolution.of(Duration.ofMinutes(5)));

        assertThat(history.buckets()).singleElement().satisfies(bucket -> {
            assertThat(bucket.sensors()).containsOnlyKeys("temp");
            assertThat(bucket.sensors().get("temp")).isEqualTo(new SensorStats(102, 100, 104, 5));
        });
    }

    @Test
    void aHistoryOfChosenSensorsLeavesTheOthersOut() {
        DeviceHistory history = reader().deviceHistory("dev-A", Set.of("vib", "not-stored"), minutes(0, 10), Resolution.of(Duration.ofMinutes(10)));

        assertThat(history.buckets()).singleElement()
                .satisfies(b -> assertThat(b.sensors()).containsExactlyEntriesOf(java.util.Map.of("vib", new SensorStats(45, 0, 90, 10))));
    }

    @Test
    void aDeviceWithoutReadingsHasAnEmptyHistory() {
        assertThat(reader().deviceHistory("no-such-device", minutes(0, 10), Resolution.ONE_MINUTE).buckets()).isEmpty();
    }

    @Test
    void fleetAggregatesCountTheReportingDevicesAndWeighEachDeviceOnce() {
        FleetHistory fleet = reader().fleetHistory(AC, minutes(0, 10), Resolution.of(Duration.ofMinutes(10)));

        assertThat(fleet.buckets()).singleElement().satisfies(bucket -> {
            assertThat(bucket.start()).isEqualTo(minute(0));
            FleetStats temp = bucket.sensors().get("temp");
            // dev-A's mean 4.5 and dev-B's 102 count once each, though dev-A sent twice as many readings.
            assertThat(temp.mean()).isCloseTo((4.5 + 102) / 2, within(1e-9));
            assertThat(temp.min()).isEqualTo(0);
            assertThat(temp.max()).isEqualTo(104);
            assertThat(temp.devices()).isEqualTo(2);
            assertThat(bucket.sensors().get("vib")).isEqualTo(new FleetStats(45, 0, 90, 1));
        });
    }

    @Test
    void fleetAggregatesKeepToTheirProductModel() {
        FleetHistory pump = reader().fleetHistory(PUMP, minutes(0, 10), Resolution.of(Duration.ofMinutes(10)));

        assertThat(pump.buckets()).singleElement()
                .satisfies(b -> assertThat(b.sensors()).containsExactlyEntriesOf(java.util.Map.of("temp", new FleetStats(1000, 1000, 1000, 1))));
    }

    @Test
    void exportReturnsEveryReadingOfTheProductModelInTimeOrder() {
        List<TrainingRow> rows = new ArrayList<>();
        long count = reader().exportTraining(TrainingSelection.productModel(AC), minutes(0, 11), rows::add);

        assertThat(count).isEqualTo(16);
        assertThat(rows).hasSize(16);
        assertThat(rows).extracting(TrainingRow::time).isSorted();
        assertThat(rows).extracting(TrainingRow::productModel).containsOnly(AC);
        assertThat(rows).filteredOn(r -> r.deviceId().equals("dev-A")).hasSize(11)
                .anySatisfy(r -> assertThat(r).isEqualTo(new TrainingRow(minute(3), "dev-A", AC, "cooling", java.util.Map.of("temp", 3.0, "vib", 30.0))));
        assertThat(rows).filteredOn(r -> r.deviceId().equals("dev-B")).hasSize(5)
                .allSatisfy(r -> assertThat(r.sensors()).containsOnlyKeys("temp"))
                .allSatisfy(r -> assertThat(r.mode()).as("dev-B reports no mode").isNull());
    }

    @Test
    void exportOfADeviceSetReturnsOnlyThoseDevicesWithinTheRange() {
        List<TrainingRow> rows = new ArrayList<>();
        reader().exportTraining(TrainingSelection.devices(Set.of("dev-B", "dev-C")), minutes(0, 3), rows::add);

        assertThat(rows).extracting(TrainingRow::deviceId).containsExactlyInAnyOrder("dev-B", "dev-C", "dev-B", "dev-B");
        assertThat(rows).extracting(TrainingRow::time).isSorted().allMatch(t -> t.isBefore(minute(3)));
    }

    @Test
    void aDeviceIdWithQuotesAndSqlInItIsReadAsPlainData() {
        DeviceHistory history = reader().deviceHistory(EVIL_DEVICE, minutes(0, 10), Resolution.of(Duration.ofMinutes(10)));
        assertThat(history.buckets()).singleElement()
                .satisfies(b -> assertThat(b.sensors().get("temp")).isEqualTo(new SensorStats(7, 7, 7, 1)));

        List<TrainingRow> rows = new ArrayList<>();
        reader().exportTraining(TrainingSelection.productModel(EVIL_MODEL), minutes(0, 10), rows::add);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.deviceId()).isEqualTo(EVIL_DEVICE));
        // Nothing was dropped or widened: the other devices are still there, and the quote did not match them.
        assertThat(reader().fleetHistory(EVIL_MODEL, minutes(0, 10), Resolution.of(Duration.ofMinutes(10))).buckets())
                .singleElement().satisfies(b -> assertThat(b.sensors().get("temp").devices()).isEqualTo(1));
        assertThat(reader().deviceHistory("dev-A", minutes(0, 10), Resolution.ONE_MINUTE).buckets()).hasSize(10);
    }

    @Test
    void moreBucketsThanAnAnswerMayHoldAreRefusedBeforeAskingTheStore() {
        TimeRange year = TimeRange.ending(BASE, Duration.ofDays(366));
        assertThatThrownBy(() -> reader().deviceHistory("dev-A", year, Resolution.of(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coarser resolution");
    }

    @Test
    void blankOrControlCharacterIdsAreRefused() {
        assertThatThrownBy(() -> reader().deviceHistory(" ", minutes(0, 1), Resolution.ONE_MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device id");
        assertThatThrownBy(() -> reader().fleetHistory("AC\nX", minutes(0, 1), Resolution.ONE_MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
    }
}
