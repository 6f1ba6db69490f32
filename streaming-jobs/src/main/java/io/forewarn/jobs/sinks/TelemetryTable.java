package io.forewarn.jobs.sinks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The QuestDB table the telemetry sink writes into, created before the first write so that it is deduplicated: a
 * batch the sink retried (its answer lost in a timeout) or replayed after a restore may arrive twice, and QuestDB
 * keeps one row per device and timestamp, the last one written. Without this the first write would create the table
 * without deduplication. Other columns (each sensor, the operating mode) are added by the writes themselves or by
 * the reader's schema step; this class only guarantees the table and its dedup keys. InfluxDB needs no such step: a
 * point with the same series and time overwrites the earlier one.
 */
public final class TelemetryTable {
    /** The table's name: QuestDB names a line-protocol table after the measurement. */
    public static final String NAME = TelemetrySink.MEASUREMENT;

    private TelemetryTable() {}

    /** {@code CREATE TABLE IF NOT EXISTS} for a table of this shape; other names serve benchmarks and tests. */
    public static String createStatement(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (device_id SYMBOL, product_model SYMBOL, timestamp TIMESTAMP)"
                + " TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, device_id)";
    }

    /** Turns deduplication on for a table that already exists, made by an earlier first write; a no-op when it is on. */
    public static String dedupStatement(String table) {
        return "ALTER TABLE " + table + " DEDUP ENABLE UPSERT KEYS(timestamp, device_id)";
    }

    /** Creates the telemetry table, or turns deduplication on if it exists; safe at every start. */
    public static void ensure(Connection questDb) throws SQLException {
        ensure(questDb, NAME);
    }

    public static void ensure(Connection questDb, String table) throws SQLException {
        try (Statement st = questDb.createStatement()) {
            st.execute(createStatement(table));
            st.execute(dedupStatement(table));
        }
    }

    /** Connects to QuestDB's PostgreSQL-wire endpoint (e.g. {@code jdbc:postgresql://localhost:8812/qdb}) to ensure the table. */
    public static void ensure(String jdbcUrl, String user, String password) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("sslmode", "disable");
        try (Connection c = DriverManager.getConnection(jdbcUrl, login)) {
            ensure(c);
        }
    }
}
