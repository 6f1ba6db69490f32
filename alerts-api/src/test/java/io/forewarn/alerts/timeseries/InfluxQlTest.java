package io.forewarn.alerts.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The InfluxQL text built for each read: values escaped so that no input can leave its literal. */
class InfluxQlTest {
    private static final Instant FROM = Instant.parse("2026-01-05T10:00:00Z");
    private static final TimeRange RANGE = new TimeRange(FROM, FROM.plus(Duration.ofDays(7)));
    private static final String FROM_NS = "1767607200000000000";
    private static final String TO_NS = "1768212000000000000";

    @Test
    void deviceHistoryAsksForMeanMinMaxAndCountPerBucketOfOneDevice() {
        assertThat(InfluxQl.deviceHistory(List.of("temp", "vibration_rms"), "ac-0001", RANGE, Resolution.ONE_MINUTE)).isEqualTo(
                "SELECT mean(\"temp\") AS \"mean_0\", min(\"temp\") AS \"min_0\", max(\"temp\") AS \"max_0\", count(\"temp\") AS \"count_0\", "
                        + "mean(\"vibration_rms\") AS \"mean_1\", min(\"vibration_rms\") AS \"min_1\", max(\"vibration_rms\") AS \"max_1\", count(\"vibration_rms\") AS \"count_1\""
                        + " FROM \"telemetry\" WHERE \"device_id\" = 'ac-0001' AND time >= " + FROM_NS + " AND time < " + TO_NS
                        + " GROUP BY time(1m) fill(none)");
    }

    @Test
    void fleetHistoryReducesEachDeviceToOneMeanBeforeAggregatingAcrossDevices() {
        assertThat(InfluxQl.fleetHistory(List.of("temp"), "AC-INV-12K", RANGE, Resolution.ONE_HOUR)).isEqualTo(
                "SELECT mean(\"mean_0\") AS \"mean_0\", min(\"min_0\") AS \"min_0\", max(\"max_0\") AS \"max_0\", count(\"mean_0\") AS \"devices_0\""
                        + " FROM (SELECT mean(\"temp\") AS \"mean_0\", min(\"temp\") AS \"min_0\", max(\"temp\") AS \"max_0\""
                        + " FROM \"telemetry\" WHERE \"product_model\" = 'AC-INV-12K' AND time >= " + FROM_NS + " AND time < " + TO_NS
                        + " GROUP BY time(1h), \"device_id\" fill(none))"
                        + " WHERE time >= " + FROM_NS + " AND time < " + TO_NS + " GROUP BY time(1h) fill(none)");
    }

    @Test
    void exportSelectsTheRawReadingsOfAProductModelOrOfEachDevice() {
        assertThat(InfluxQl.export(List.of("temp"), TrainingSelection.productModel("PUMP-CEN-15KW"), RANGE)).isEqualTo(
                "SELECT \"device_id\", \"product_model\", \"mode\", \"temp\" FROM \"telemetry\" WHERE \"product_model\" = 'PUMP-CEN-15KW'"
                        + " AND time >= " + FROM_NS + " AND time < " + TO_NS);
        assertThat(InfluxQl.export(List.of("temp"), TrainingSelection.devices(Set.of("b", "a")), RANGE))
                .contains("WHERE (\"device_id\" = 'a' OR \"device_id\" = 'b') AND time >= ");
    }

    @Test
    void aQuoteInAValueIsEscapedSoTheValueCannotEndItsLiteral() {
        String query = InfluxQl.deviceHistory(List.of("temp"), "x' OR device_id =~ /.*/ --", RANGE, Resolution.ONE_MINUTE);

        assertThat(query).contains("\"device_id\" = 'x\\' OR device_id =~ /.*/ --' AND time >= ");
        assertThat(InfluxQl.string("back\\slash'")).isEqualTo("'back\\\\slash\\''");
    }

    @Test
    void identifiersAreDoubleQuotedWithTheirQuotesEscaped() {
        assertThat(InfluxQl.identifier("we\"ird\\name")).isEqualTo("\"we\\\"ird\\\\name\"");
    }

    @Test
    void valuesWithLineBreaksAreRefusedBecauseNoLiteralCanHoldThem() {
        assertThatThrownBy(() -> InfluxQl.string("a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void timesAreNanosecondsSoHalfOpenRangesStayExact() {
        TimeRange range = new TimeRange(Instant.parse("2026-01-05T10:00:00.000000001Z"), Instant.parse("2026-01-05T10:00:01Z"));
        assertThat(InfluxQl.timeWithin(range)).isEqualTo("time >= 1767607200000000001 AND time < 1767607201000000000");
    }

    @Test
    void theBucketWidthIsWrittenFromTheValidatedDuration() {
        assertThat(Resolution.of(Duration.ofSeconds(30)).literal()).isEqualTo("30s");
        assertThat(Resolution.of(Duration.ofMinutes(15)).literal()).isEqualTo("15m");
        assertThat(Resolution.of(Duration.ofHours(6)).literal()).isEqualTo("6h");
        assertThat(Resolution.of(Duration.ofDays(1)).literal()).isEqualTo("24h");
    }

    @Test
    void resolutionsWhoseBucketsWouldNotAlignAreRefused() {
        for (Duration odd : List.of(Duration.ofMinutes(7), Duration.ofMillis(1500), Duration.ofHours(5), Duration.ofDays(2), Duration.ZERO)) {
            assertThatThrownBy(() -> Resolution.of(odd)).as(odd.toString()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not supported");
        }
        assertThatThrownBy(() -> Resolution.parse("1 minute")).hasMessageContaining("ISO-8601");
    }
}
