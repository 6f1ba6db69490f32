package io.forewarn.alerts.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.query.InfluxQLQueryResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parsing of InfluxQL answers as influxdb-client-java hands them over from a CSV answer: every value as text, an empty
 * text for null, times in epoch milliseconds.
 */
class InfluxQlResultsTest {
    private static final long T0 = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();

    @Test
    void historyRowsBecomeBucketsWithOnlyTheSensorsThatReported() {
        InfluxQLQueryResult answer = answer(List.of("time", "mean_0", "min_0", "max_0", "count_0", "mean_1", "min_1", "max_1", "count_1"),
                row(T0 + 60_000, "7.5", "7", "8", "2", "", "", "", "0"),
                row(T0, "1.5", "1", "2", "2", "10", "10", "10", "1"));

        List<HistoryBucket> buckets = InfluxQlResults.deviceHistory(answer, List.of("temp", "vib"));

        assertThat(buckets).extracting(HistoryBucket::start)
                .containsExactly(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 60_000));
        assertThat(buckets.get(0).sensors()).isEqualTo(Map.of("temp", new SensorStats(1.5, 1, 2, 2), "vib", new SensorStats(10, 10, 10, 1)));
        assertThat(buckets.get(1).sensors()).isEqualTo(Map.of("temp", new SensorStats(7.5, 7, 8, 2)));
    }

    @Test
    void fleetRowsCarryTheNumberOfReportingDevices() {
        InfluxQLQueryResult answer = answer(List.of("time", "mean_0", "min_0", "max_0", "devices_0"),
                row(T0, "53.25", "0", "104", "2"));

        assertThat(InfluxQlResults.fleetHistory(answer, List.of("temp"))).containsExactly(
                new FleetBucket(Instant.ofEpochMilli(T0), Map.of("temp", new FleetStats(53.25, 0, 104, 2))));
    }

    @Test
    void exportRowsAreOrderedByTimeThenDeviceAndKeepOnlyMeasuredSensors() {
        InfluxQLQueryResult answer = answer(List.of("time", "device_id", "product_model", "mode", "temp", "vib"),
                row(T0 + 1000, "b", "M", "", "2", ""),
                row(T0, "z", "M", "idle", "", "5"),
                row(T0, "a", "M", "heating", "1", "3"));

        assertThat(InfluxQlResults.trainingRows(answer, List.of("temp", "vib"))).containsExactly(
                new TrainingRow(Instant.ofEpochMilli(T0), "a", "M", "heating", Map.of("temp", 1.0, "vib", 3.0)),
                new TrainingRow(Instant.ofEpochMilli(T0), "z", "M", "idle", Map.of("vib", 5.0)),
                new TrainingRow(Instant.ofEpochMilli(T0 + 1000), "b", "M", null, Map.of("temp", 2.0)));
    }

    @Test
    void fieldKeysKeepTheNumericFields() {
        InfluxQLQueryResult answer = answer(List.of("fieldKey", "fieldType"),
                row("temp", "float"), row("note", "string"), row("cycles", "integer"), row("on", "boolean"));

        assertThat(InfluxQlResults.numericFields(answer)).containsExactly("temp", "cycles");
    }

    @Test
    void anEmptyAnswerIsAnEmptyResult() {
        assertThat(InfluxQlResults.deviceHistory(null, List.of("temp"))).isEmpty();
        assertThat(InfluxQlResults.fleetHistory(new InfluxQLQueryResult(List.of()), List.of("temp"))).isEmpty();
        assertThat(InfluxQlResults.numericFields(new InfluxQLQueryResult(List.of(new InfluxQLQueryResult.Result(0, List.of()))))).isEmpty();
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static InfluxQLQueryResult answer(List<String> columns, Object[]... rows) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        InfluxQLQueryResult.Series series = new InfluxQLQueryResult.Series("telemetry", index);
        for (Object[] row : rows) {
            Object[] texts = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                texts[i] = String.valueOf(row[i]);
            }
            series.addRecord(series.new Record(texts));
        }
        return new InfluxQLQueryResult(List.of(new InfluxQLQueryResult.Result(0, List.of(series))));
    }
}
