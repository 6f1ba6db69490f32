package io.forewarn.alerts.timeseries;

import io.forewarn.contracts.telemetry.QuestDbTelemetrySchema;
import java.util.List;

/**
 * The SQL the QuestDB adapter sends. Values (device ids, product models, times) are always {@code ?} parameters bound
 * by the JDBC driver. Three things cannot be parameters in SQL and are written into the text: the bucket width
 * ({@link Resolution#literal()}, built from a validated {@code Duration}, never from text a caller typed), and
 * column names, which come from the store's own column list and are quoted as identifiers.
 */
final class QuestDbSql {
    static final String TABLE = QuestDbTelemetrySchema.TABLE;
    static final String HOURLY_VIEW = QuestDbTelemetrySchema.HOURLY_VIEW;

    private QuestDbSql() {}

    /** Numeric columns of a table or view (the sensors), with their types. */
    static String columnsOf(String table) {
        return QuestDbTelemetrySchema.columnsOf(table);
    }

    /**
     * Per bucket: timestamp, then for each sensor mean, min, max, count. From the raw table, or re-aggregated from the
     * hourly view (mean weighted by each hour's count, so it equals the mean of the raw readings).
     * Parameters: device id, from, to.
     */
    static String deviceHistory(List<String> sensors, Resolution resolution, boolean hourly) {
        StringBuilder sql = new StringBuilder("SELECT timestamp");
        for (String sensor : sensors) {
            sql.append(", ").append(hourly
                    ? weightedMean(sensor) + ", min(" + quote(sensor + "_min") + "), max(" + quote(sensor + "_max") + "), sum(" + quote(sensor + "_count") + ")"
                    : "avg(" + quote(sensor) + "), min(" + quote(sensor) + "), max(" + quote(sensor) + "), count(" + quote(sensor) + ")");
        }
        return sql.append(" FROM ").append(hourly ? HOURLY_VIEW : TABLE)
                .append(" WHERE device_id = ? AND timestamp >= ? AND timestamp < ?")
                .append(sampleBy(resolution)).toString();
    }

    /**
     * Per bucket: timestamp, then for each sensor the mean of device means, min, max and the number of devices with a
     * reading. The inner query reduces each device to one mean per bucket, so a device that reports more often does
     * not weigh more. Parameters: product model, from, to.
     */
    static String fleetHistory(List<String> sensors, Resolution resolution, boolean hourly) {
        StringBuilder inner = new StringBuilder("SELECT timestamp, device_id");
        StringBuilder outer = new StringBuilder("SELECT timestamp");
        for (int i = 0; i < sensors.size(); i++) {
            String sensor = sensors.get(i);
            inner.append(", ").append(hourly ? weightedMean(sensor) : "avg(" + quote(sensor) + ")").append(" mean").append(i)
                    .append(", min(").append(quote(hourly ? sensor + "_min" : sensor)).append(") min").append(i)
                    .append(", max(").append(quote(hourly ? sensor + "_max" : sensor)).append(") max").append(i);
            outer.append(", avg(mean").append(i).append("), min(min").append(i).append("), max(max").append(i)
                    .append("), count(mean").append(i).append(")");
        }
        inner.append(" FROM ").append(hourly ? HOURLY_VIEW : TABLE)
                .append(" WHERE product_model = ? AND timestamp >= ? AND timestamp < ?").append(sampleBy(resolution));
        // The outer query groups by timestamp implicitly (the one column that is not an aggregate).
        return outer.append(" FROM (").append(inner).append(") ORDER BY timestamp").toString();
    }

    /**
     * Raw rows in time order: timestamp, device_id, product_model, mode (null when the table has no such column yet),
     * then each sensor. Parameters: the selection, from, to.
     */
    static String export(List<String> sensors, boolean hasMode, TrainingSelection selection) {
        StringBuilder sql = new StringBuilder("SELECT timestamp, device_id, product_model, ").append(hasMode ? "mode" : "NULL");
        for (String sensor : sensors) {
            sql.append(", ").append(quote(sensor));
        }
        sql.append(" FROM ").append(TABLE).append(" WHERE ");
        if (selection.productModel() != null) {
            sql.append("product_model = ?");
        } else {
            sql.append("device_id IN (").append("?, ".repeat(selection.deviceIds().size() - 1)).append("?)");
        }
        return sql.append(" AND timestamp >= ? AND timestamp < ? ORDER BY timestamp").toString();
    }

    /** A column name as a quoted SQL identifier. */
    static String quote(String column) {
        return QuestDbTelemetrySchema.quote(column);
    }

    private static String weightedMean(String sensor) {
        return "sum(" + quote(sensor + "_mean") + " * " + quote(sensor + "_count") + ") / sum(" + quote(sensor + "_count") + ")";
    }

    // Calendar alignment in UTC: for the widths Resolution admits, buckets start at multiples of the width.
    private static String sampleBy(Resolution resolution) {
        return " SAMPLE BY " + resolution.literal() + " ALIGN TO CALENDAR";
    }
}
