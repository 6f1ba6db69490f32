package io.forewarn.alerts.timeseries;

import com.influxdb.query.InfluxQLQueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Turns InfluxQL answers into the reader's records. The client hands every value over as the text of the CSV answer
 * (an empty text where InfluxDB wrote null); times are epoch milliseconds (the queries ask for {@code epoch=ms}).
 * Column names are looked up, not assumed by position, so a store that orders columns differently still reads right.
 */
final class InfluxQlResults {
    private static final Set<String> NUMERIC_FIELD_TYPES = Set.of("float", "integer");

    private InfluxQlResults() {}

    /** The numeric fields of {@code SHOW FIELD KEYS}, in the store's order. */
    static List<String> numericFields(InfluxQLQueryResult result) {
        List<String> fields = new ArrayList<>();
        for (InfluxQLQueryResult.Series.Record record : records(result)) {
            String type = text(record.getValueByKey("fieldType"));
            if (type != null && NUMERIC_FIELD_TYPES.contains(type)) {
                fields.add(text(record.getValueByKey("fieldKey")));
            }
        }
        return fields;
    }

    static List<HistoryBucket> deviceHistory(InfluxQLQueryResult result, List<String> sensors) {
        List<HistoryBucket> buckets = new ArrayList<>();
        for (InfluxQLQueryResult.Series.Record record : records(result)) {
            Map<String, SensorStats> stats = perSensor(sensors, i -> {
                Double count = number(record, "count_" + i);
                return count == null || count == 0 ? null : new SensorStats(number(record, "mean_" + i),
                        number(record, "min_" + i), number(record, "max_" + i), count.longValue());
            });
            if (!stats.isEmpty()) {
                buckets.add(new HistoryBucket(time(record), stats));
            }
        }
        buckets.sort(Comparator.comparing(HistoryBucket::start));
        return buckets;
    }

    static List<FleetBucket> fleetHistory(InfluxQLQueryResult result, List<String> sensors) {
        List<FleetBucket> buckets = new ArrayList<>();
        for (InfluxQLQueryResult.Series.Record record : records(result)) {
            Map<String, FleetStats> stats = perSensor(sensors, i -> {
                Double devices = number(record, "devices_" + i);
                return devices == null || devices == 0 ? null : new FleetStats(number(record, "mean_" + i),
                        number(record, "min_" + i), number(record, "max_" + i), devices.intValue());
            });
            if (!stats.isEmpty()) {
                buckets.add(new FleetBucket(time(record), stats));
            }
        }
        buckets.sort(Comparator.comparing(FleetBucket::start));
        return buckets;
    }

    // Answer columns are positional per sensor (mean_0, min_0, ...): sensor i's statistics, or null when it has none.
    private static <S> Map<String, S> perSensor(List<String> sensors, IntFunction<S> statsOf) {
        Map<String, S> stats = new HashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            S value = statsOf.apply(i);
            if (value != null) {
                stats.put(sensors.get(i), value);
            }
        }
        return stats;
    }

    /** One export window's rows, ordered by time and then device (InfluxDB leaves the order of equal times open). */
    static List<TrainingRow> trainingRows(InfluxQLQueryResult result, List<String> sensors) {
        List<TrainingRow> rows = new ArrayList<>();
        for (InfluxQLQueryResult.Series.Record record : records(result)) {
            Map<String, Double> values = new HashMap<>();
            for (String sensor : sensors) {
                Double value = number(record, sensor);
                if (value != null) {
                    values.put(sensor, value);
                }
            }
            if (!values.isEmpty()) {
                rows.add(new TrainingRow(time(record), text(record.getValueByKey("device_id")),
                        text(record.getValueByKey("product_model")), text(record.getValueByKey("mode")), values));
            }
        }
        rows.sort(Comparator.comparing(TrainingRow::time).thenComparing(TrainingRow::deviceId));
        return rows;
    }

    private static List<InfluxQLQueryResult.Series.Record> records(InfluxQLQueryResult result) {
        List<InfluxQLQueryResult.Series.Record> records = new ArrayList<>();
        if (result == null) {
            return records;  // an empty answer (no such measurement yet)
        }
        for (InfluxQLQueryResult.Result statement : result.getResults()) {
            for (InfluxQLQueryResult.Series series : statement.getSeries()) {
                records.addAll(series.getValues());
            }
        }
        return records;
    }

    private static Instant time(InfluxQLQueryResult.Series.Record record) {
        String text = text(record.getValueByKey("time"));
        if (text == null) {
            throw new IllegalStateException("an InfluxQL answer row has no time");
        }
        return Instant.ofEpochMilli(Long.parseLong(text));
    }

    private static Double number(InfluxQLQueryResult.Series.Record record, String column) {
        String text = text(record.getValueByKey(column));
        return text == null ? null : Double.valueOf(text);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isEmpty() ? null : text;
    }
}
