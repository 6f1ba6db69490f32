package io.forewarn.contracts.telemetry;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
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

/**
 * The one definition of telemetry's QuestDB table, used by whoever creates it first: the job's sink (before its first
 * write, so the table is deduplicated from the start) and the alerts API's reader (which reads what it defines).
 * The table {@code telemetry}: a symbol per tag (device id, indexed; product model; operating mode), a double per
 * catalog sensor, partitioned by day with a TTL (whole partitions older than the raw retention are dropped),
 * deduplicated on device and timestamp (a batch the sink retried or replayed leaves one row per reading); and the
 * materialized view {@code telemetry_1h} (hourly mean, min, max and count per device and sensor, refreshed by QuestDB
 * as rows arrive) with its own, longer TTL. Every step is idempotent and brings an older table to this shape.
 */
public final class QuestDbTelemetrySchema {
    /** The table's name: QuestDB names a line-protocol table after the measurement, which is this. */
    public static final String TABLE = "telemetry";
    public static final String HOURLY_VIEW = "telemetry_1h";
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_DOWNSAMPLED_RETENTION = Duration.ofDays(730);
    /** Sensor names become column names in DDL; the catalog's are all of this shape. */
    private static final Pattern SENSOR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,100}");
    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private QuestDbTelemetrySchema() {}

    /**
     * Creates or updates the table (retention, index, dedup keys, a column per sensor) and the hourly view, and waits
     * until QuestDB has applied the changes. Returns the sensors the existing view has no columns for: the view is not
     * recreated for them, as that would rebuild it from raw data only and lose hours older than the raw retention.
     */
    public static List<String> ensure(Connection connection, Collection<String> sensorNames, Duration rawRetention,
                                      Duration downsampledRetention) throws SQLException {
        Set<String> sensors = ensureTable(connection, TABLE, sensorNames, rawRetention);
        try (Statement st = connection.createStatement()) {
            List<String> viewSensors = viewSensors(st);
            if (viewSensors == null) {
                execute(st, createView(sensors, downsampledRetention));
                return List.of();
            }
            alter(st, "ALTER MATERIALIZED VIEW " + HOURLY_VIEW + " SET TTL " + ttl(downsampledRetention));
            awaitApplied(st, HOURLY_VIEW);
            List<String> missing = new ArrayList<>(sensors);
            missing.removeAll(viewSensors);
            return missing;
        }
    }

    /** {@link #ensure} with every sensor of the catalog and the default retentions. */
    public static List<String> ensure(Connection connection, ProductCatalog catalog) throws SQLException {
        return ensure(connection, sensorsOf(catalog), DEFAULT_RAW_RETENTION, DEFAULT_DOWNSAMPLED_RETENTION);
    }

    /**
     * The table alone, under any name (benchmarks and tests compare writers into tables of the same shape); returns
     * the sensors, checked. Waits until QuestDB has applied the changes.
     */
    public static Set<String> ensureTable(Connection connection, String table, Collection<String> sensorNames,
                                          Duration rawRetention) throws SQLException {
        Set<String> sensors = checkedSensors(sensorNames);
        try (Statement st = connection.createStatement()) {
            execute(st, createTable(table, sensors, rawRetention));
            // The table may predate this call (created by a first write): bring it to the same shape.
            alter(st, "ALTER TABLE " + table + " SET TTL " + ttl(rawRetention));
            alter(st, "ALTER TABLE " + table + " DEDUP ENABLE UPSERT KEYS(timestamp, device_id)");
            Map<String, Boolean> indexedByColumn = columns(st, table);
            if (!indexedByColumn.getOrDefault("device_id", false)) {
                alter(st, "ALTER TABLE " + table + " ALTER COLUMN device_id ADD INDEX");
            }
            for (String sensor : sensors) {
                if (!indexedByColumn.containsKey(sensor)) {
                    alter(st, "ALTER TABLE " + table + " ADD COLUMN " + quote(sensor) + " DOUBLE");
                }
            }
            awaitApplied(st, table);
        }
        return sensors;
    }

    /** Every sensor name of the catalog's product models, in catalog order. */
    public static Set<String> sensorsOf(ProductCatalog catalog) {
        Set<String> sensors = new LinkedHashSet<>();
        for (ProductModel model : catalog.models()) {
            model.sensors().stream().map(SensorSpec::name).forEach(sensors::add);
        }
        return sensors;
    }

    public static String createTable(String table, Collection<String> sensors, Duration rawRetention) {
        StringBuilder create = new StringBuilder("CREATE TABLE IF NOT EXISTS " + table
                + " (device_id SYMBOL INDEX, product_model SYMBOL, mode SYMBOL");
        for (String sensor : sensors) {
            create.append(", ").append(quote(sensor)).append(" DOUBLE");
        }
        return create.append(", timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY TTL ").append(ttl(rawRetention))
                .append(" WAL DEDUP UPSERT KEYS(timestamp, device_id)").toString();
    }

    public static String createView(Collection<String> sensors, Duration downsampledRetention) {
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

    /** A TTL clause value: whole days, else whole hours (QuestDB drops whole partitions, so finer means nothing). */
    public static String ttl(Duration retention) {
        long hours = retention.toHours();
        if (hours < 1 || !retention.equals(Duration.ofHours(hours))) {
            throw new IllegalArgumentException("retention must be a whole number of hours, was " + retention);
        }
        return hours % 24 == 0 ? hours / 24 + " DAYS" : hours + " HOURS";
    }

    /** Numeric and symbol columns of a table or view, with their types and whether indexed. */
    public static String columnsOf(String table) {
        // table_columns() takes the name as a literal; callers pass the constants above or a checked name.
        return "SELECT \"column\", type, indexed FROM table_columns('" + table + "')";
    }

    /** The sensors the hourly view has all four columns of, or null when there is no view. */
    public static List<String> viewSensors(Statement st) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (ResultSet rs = st.executeQuery(columnsOf(HOURLY_VIEW))) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (missingTable(e)) {
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

    /** QuestDB's answer to a query of a table or view that is not there. */
    public static boolean missingTable(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("does not exist");
    }

    /** A column name quoted as an identifier. */
    public static String quote(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    /** A DDL statement that failed, with its text, so the error can name it. */
    public static final class StatementFailed extends SQLException {
        private static final long serialVersionUID = 1L;
        private final String sql;

        StatementFailed(String sql, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    private static Set<String> checkedSensors(Collection<String> sensorNames) {
        Set<String> sensors = new LinkedHashSet<>(sensorNames);
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("the telemetry table needs the sensor names (the catalog's) to create their columns");
        }
        for (String sensor : sensors) {
            if (!SENSOR_NAME.matcher(sensor).matches()) {
                throw new IllegalArgumentException("sensor name '" + sensor + "' cannot be a column name (letters, digits, '_')");
            }
        }
        return sensors;
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
    private static Map<String, Boolean> columns(Statement st, String table) throws SQLException {
        Map<String, Boolean> columns = new HashMap<>();
        try (ResultSet rs = st.executeQuery(columnsOf(table))) {
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
