package io.forewarn.alerts.timeseries;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * The InfluxQL the InfluxDB adapter sends. influxdb-client-java 7.5.0's InfluxQL API has no bound parameters
 * ({@code InfluxQLQuery} carries only the command, database, retention policy and precision; {@code bindParameter}
 * came in a later client), so values are written into the text, strictly escaped:
 * <ul>
 *   <li>strings (device id, product model) as single-quoted literals with {@code \} and {@code '} backslash-escaped,
 *       after {@link TagValues} refused control characters (an InfluxQL literal cannot span lines);</li>
 *   <li>identifiers (measurement, tags, fields from the store's own field list) double-quoted, {@code \} and {@code "}
 *       escaped;</li>
 *   <li>times as integer nanoseconds since the epoch, and the bucket width as {@link Resolution#literal()}, both
 *       built from numbers, never from text.</li>
 * </ul>
 * Aliases are positional ({@code mean_0}), so no sensor name needs to survive a round trip through a column name.
 */
final class InfluxQl {
    static final String MEASUREMENT = "telemetry";

    private InfluxQl() {}

    /** The measurement's fields (the sensors) and their types. */
    static String fieldKeys() {
        return "SHOW FIELD KEYS FROM " + identifier(MEASUREMENT);
    }

    /** Columns: time, then mean_i, min_i, max_i, count_i for sensor i. */
    static String deviceHistory(List<String> sensors, String deviceId, TimeRange range, Resolution resolution) {
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < sensors.size(); i++) {
            String field = identifier(sensors.get(i));
            if (i > 0) q.append(", ");
            q.append("mean(").append(field).append(") AS \"mean_").append(i).append("\", ")
                    .append("min(").append(field).append(") AS \"min_").append(i).append("\", ")
                    .append("max(").append(field).append(") AS \"max_").append(i).append("\", ")
                    .append("count(").append(field).append(") AS \"count_").append(i).append('"');
        }
        return q.append(" FROM ").append(identifier(MEASUREMENT))
                .append(" WHERE ").append(identifier("device_id")).append(" = ").append(string(deviceId))
                .append(" AND ").append(timeWithin(range))
                .append(" GROUP BY time(").append(resolution.literal()).append(") fill(none)").toString();
    }

    /**
     * Columns: time, then mean_i (mean of device means), min_i, max_i, devices_i. The subquery reduces each device to
     * one mean per bucket ({@code GROUP BY time, device_id}); the outer query aggregates across devices.
     */
    static String fleetHistory(List<String> sensors, String productModel, TimeRange range, Resolution resolution) {
        StringBuilder inner = new StringBuilder("SELECT ");
        StringBuilder outer = new StringBuilder("SELECT ");
        for (int i = 0; i < sensors.size(); i++) {
            String field = identifier(sensors.get(i));
            if (i > 0) {
                inner.append(", ");
                outer.append(", ");
            }
            inner.append("mean(").append(field).append(") AS \"mean_").append(i).append("\", ")
                    .append("min(").append(field).append(") AS \"min_").append(i).append("\", ")
                    .append("max(").append(field).append(") AS \"max_").append(i).append('"');
            outer.append("mean(\"mean_").append(i).append("\") AS \"mean_").append(i).append("\", ")
                    .append("min(\"min_").append(i).append("\") AS \"min_").append(i).append("\", ")
                    .append("max(\"max_").append(i).append("\") AS \"max_").append(i).append("\", ")
                    .append("count(\"mean_").append(i).append("\") AS \"devices_").append(i).append('"');
        }
        String groupByTime = " GROUP BY time(" + resolution.literal() + ")";
        inner.append(" FROM ").append(identifier(MEASUREMENT))
                .append(" WHERE ").append(identifier("product_model")).append(" = ").append(string(productModel))
                .append(" AND ").append(timeWithin(range))
                .append(groupByTime).append(", ").append(identifier("device_id")).append(" fill(none)");
        return outer.append(" FROM (").append(inner).append(") WHERE ").append(timeWithin(range))
                .append(groupByTime).append(" fill(none)").toString();
    }

    /**
     * Columns: time, device_id, product_model, mode (empty where the tag is absent), then each sensor under its own
     * name; one window of an export.
     */
    static String export(List<String> sensors, TrainingSelection selection, TimeRange window) {
        StringBuilder q = new StringBuilder("SELECT ").append(identifier("device_id")).append(", ").append(identifier("product_model"))
                .append(", ").append(identifier("mode"));
        for (String sensor : sensors) {
            q.append(", ").append(identifier(sensor));
        }
        q.append(" FROM ").append(identifier(MEASUREMENT)).append(" WHERE ");
        if (selection.productModel() != null) {
            q.append(identifier("product_model")).append(" = ").append(string(selection.productModel()));
        } else {
            q.append('(');
            for (Iterator<String> ids = selection.deviceIds().iterator(); ids.hasNext(); ) {
                q.append(identifier("device_id")).append(" = ").append(string(ids.next()));
                if (ids.hasNext()) q.append(" OR ");
            }
            q.append(')');
        }
        return q.append(" AND ").append(timeWithin(window)).toString();
    }

    /** A single-quoted string literal. */
    static String string(String value) {
        TagValues.require("value", value);
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A double-quoted identifier. */
    static String identifier(String name) {
        TagValues.require("identifier", name);
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The half-open range as a condition on {@code time}, in integer nanoseconds (InfluxQL's unit for bare integers). */
    static String timeWithin(TimeRange range) {
        return "time >= " + nanos(range.from()) + " AND time < " + nanos(range.to());
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
