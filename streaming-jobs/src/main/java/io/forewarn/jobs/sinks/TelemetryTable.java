package io.forewarn.jobs.sinks;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.QuestDbTelemetrySchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The QuestDB table the telemetry sink writes into, created before the first write so that it is deduplicated: a
 * batch the sink retried (its answer lost in a timeout) or replayed after a restore may arrive twice, and QuestDB
 * keeps one row per device and timestamp, the last one written. Without this the first write would create the table
 * without deduplication. The table and its hourly view are those of {@link QuestDbTelemetrySchema}, the one definition
 * the alerts API's reader uses too; here with the default retentions (the reader's {@code ensureSchema} sets the
 * configured ones). InfluxDB needs no such step: a point with the same series and time overwrites the earlier one.
 */
public final class TelemetryTable {
    /** The table's name: QuestDB names a line-protocol table after the measurement. */
    public static final String NAME = QuestDbTelemetrySchema.TABLE;

    private TelemetryTable() {}

    /** Creates the telemetry table (a column per sensor of {@code catalog}) and its hourly view, or brings them to shape. */
    public static void ensure(Connection questDb, ProductCatalog catalog) throws SQLException {
        QuestDbTelemetrySchema.ensure(questDb, catalog);
    }

    /** {@link #ensure(Connection, ProductCatalog)} with the built-in catalog; safe at every start. */
    public static void ensure(Connection questDb) throws SQLException {
        ensure(questDb, ProductCatalog.builtIn());
    }

    /** A table of the same shape under another name, without the view: benchmarks and tests compare writers with it. */
    public static void ensure(Connection questDb, String table) throws SQLException {
        QuestDbTelemetrySchema.ensureTable(questDb, table, QuestDbTelemetrySchema.sensorsOf(ProductCatalog.builtIn()),
                QuestDbTelemetrySchema.DEFAULT_RAW_RETENTION);
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
