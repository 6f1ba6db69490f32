package io.forewarn.alerts.timeseries;

import static io.forewarn.alerts.timeseries.QuestDbSql.HOURLY_VIEW;
import static io.forewarn.alerts.timeseries.QuestDbSql.TABLE;
import static io.forewarn.alerts.timeseries.QuestDbSql.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention and downsampling on QuestDB, created idempotently: the {@code telemetry} table partitioned by day with a
 * TTL (whole partitions older than the retention are dropped), the device id indexed (a device's history reads only
 * its rows), one column per catalog sensor, and the materialized view {@code telemetry_1h} (hourly mean, min, max and
 * count per device and sensor, refreshed by QuestDB as rows arrive) with its own, longer TTL.
 */
final class QuestDbSchema {
    private static final Logger LOG = LoggerFactory.getLogger(QuestDbSchema.class);
    /** Sensor names become column names in DDL; the catalog's are all of this shape. */
    private static final Pattern SENSOR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,100}");
    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private QuestDbSchema() {}

    static void ensure(Connection connection, Collection<String> sensorNames, Duration rawRetention, Duration downsampledRetention)
            throws SQLException {
        Set<String> sensors = new LinkedHashSet<>(sensorNames);
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("ensureSchema needs the sensor names (the catalog's) to create their columns");
        }
        for (String sensor : sensors) {
            if (!SENSOR_NAME.matcher(sensor).matches()) {
                throw new IllegalArgumentException("sensor name '" + sensor + "' cannot be a column name (letters, digits, '_')");
            }
        }
        try (Statement st = connection.createStatement()) {
            StringBuilder create = new StringBuilder("CREATE TABLE IF NOT EXISTS " + TABLE + " (device_id SYMBOL INDEX, product_model SYMBOL, mode SYMBOL");
            for (String sensor : sensors) {
                create.append(", ").append(quote(sensor)).append(" DOUBLE");
            }
            // The same deduplication keys as the job's TelemetryTable, whichever of the two creates the table first.
            execute(st, create.append(", timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY TTL ")
                    .append(ttl(rawRetention)).append(" WAL DEDUP UPSERT KEYS(timestamp, device_id)").toString());
            // The table may predate this call (created by the first write): bring it to the same shape.
            alter(st, "ALTER TABLE " + TABLE + " SET TTL " + ttl(rawRetention));
            Map<String, Boolean> indexedByColumn = columns(st);
            if (!indexedByColumn.getOrDefault("device_id", false)) {
                alter(st, "ALTER TABLE " + TABLE + " ALTER COLUMN device_id ADD INDEX");
            }
            for (String sensor : sensors) {
                if (!indexedByColumn.containsKey(sensor)) {
                    alter(st, "ALTER TABLE " + TABLE + " ADD COLUMN " + quote(sensor) + " DOUBLE");
                }
            }
            awaitApplied(st, TABLE);

            List<String> viewSensors = viewSensors(st);
            if (viewSensors == null) {
                execute(st, createView(sensors, downsampledRetention));
            } else {
                alter(st, "ALTER MATERIALIZED VIEW " + HOURLY_VIEW + " SET TTL " + ttl(downsampledRetention));
                awaitApplied(st, HOURLY_VIEW);
                List<String> missing = new ArrayList<>(sensors);
                missing.removeAll(viewSensors);
                if (!missing.isEmpty()) {
                    // Recreating the view would rebuild it from raw data only, losing hours older than the raw retention.
                    LOG.warn("{} has no columns for sensors {}: their old history is read from raw data only. To include them,"
                            + " DROP MATERIALIZED VIEW {} and restart (hours older than the raw retention are then lost)",
                            HOURLY_VIEW, missing, HOURLY_VIEW);
                }
            }
        }
    }

    /** A TTL clause value: whole days, else whole hours (QuestDB drops whole partitions, so finer means nothing). */
    static String ttl(Duration retention) {
        long hours = retention.toHours();
        if (hours < 1 || !retention.equals(Duration.ofHours(hours))) {
            throw new IllegalArgumentException("retention must be a whole number of hours, was " + retention);
        }
        return hours % 24 == 0 ? hours / 24 + " DAYS" : hours + " HOURS";
    }

    static String createView(Collection<String> sensors, Duration downsampledRetention) {
        StringBuilder sql = new StringBuilder("CREATE MATERIALIZED VIEW IF NOT EXISTS " + HOURLY_VIEW
                + " AS (SELECT timestamp, device_id, product_model");
        for (String sensor : sensors) {
            String c = quote(sensor);
            sql.append(", avg(").append(c).append(") ").append(quote(sensor + "_mean"))
                    .append(", min(").append(c).append(") ").append(quote(sensor + "_min"))
                    .append(", max(").append(c).append(") ").append(quote(sensor + "_max"))
                    .append(", count(").append(c).append(") ").append(quote(sensor + "_count"));
        }
        return sql.append(" FROM ").append(TABLE).append(" SAMPLE BY 1h) PARTITION BY DAY TTL ")
                .append(ttl(downsampledRetention)).toString();
    }

    /** The sensors the hourly view has all four columns of, or null when there is no view. */
    static List<String> viewSensors(Statement st) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (ResultSet rs = st.executeQuery(QuestDbSql.columnsOf(HOURLY_VIEW))) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (QuestDbTimeSeriesReader.missingTable(e)) {
                return null;
            }
            throw e;
        }
        List<String> sensors = new ArrayList<>();
        for (String column : columns) {
            if (column.endsWith("_mean")) {
                String sensor = column.substring(0, column.length() - "_mean".length());
                if (columns.containsAll(List.of(sensor + "_min", sensor + "_max", sensor + "_count"))) {
                    sensors.add(sensor);
                }
            }
        }
        return sensors;
    }

    /** A DDL statement that failed, with its text, so the error can name it. */
    static final class StatementFailed extends SQLException {
        private static final long serialVersionUID = 1L;
        final String sql;

        StatementFailed(String sql, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.sql = sql;
        }
    }

    private static void execute(Statement st, String sql) throws SQLException {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StatementFailed(sql, e);
        }
    }

    // QuestDB refuses an ALTER of a WAL table that would change nothing ("no-op"): that is already the wanted state.
    private static void alter(Statement st, String sql) throws SQLException {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no-op")) {
                throw new StatementFailed(sql, e);
            }
        }
    }

    /** The table's columns and whether each is indexed. */
    private static Map<String, Boolean> columns(Statement st) throws SQLException {
        Map<String, Boolean> columns = new HashMap<>();
        try (ResultSet rs = st.executeQuery(QuestDbSql.columnsOf(TABLE))) {
            while (rs.next()) {
                columns.put(rs.getString(1), rs.getBoolean(3));
            }
        }
        return columns;
    }

    // Table and view are WAL tables: DDL is applied asynchronously. The view needs the columns in place, and callers
    // expect the retention they asked for once this returns.
    private static void awaitApplied(Statement st, String table) throws SQLException {
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        while (true) {
            try (ResultSet rs = st.executeQuery("SELECT writerTxn, sequencerTxn, suspended FROM wal_tables() WHERE name = '" + table + "'")) {
                if (!rs.next()) {
                    return;
                }
                if (rs.getBoolean(3)) {
                    throw new SQLException("QuestDB suspended " + table + " (see its log); ALTER TABLE " + table + " RESUME WAL");
                }
                if (rs.getLong(1) >= rs.getLong(2)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException("QuestDB did not apply the schema changes to " + table + " within " + APPLY_WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for QuestDB to apply the schema changes", e);
            }
        }
    }
}
