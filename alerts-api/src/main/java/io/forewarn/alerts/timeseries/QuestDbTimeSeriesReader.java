package io.forewarn.alerts.timeseries;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.QuestDbTelemetrySchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads telemetry from QuestDB with SQL over its PostgreSQL wire protocol (port 8812, user admin/quest by default),
 * every value a bound parameter. Coarse reads (whole-hour buckets) of ranges older than the raw retention come from the
 * hourly materialized view that {@link #ensureSchema} creates; everything else from the raw table.
 */
public final class QuestDbTimeSeriesReader implements TimeSeriesReader {
    private static final Logger LOG = LoggerFactory.getLogger(QuestDbTimeSeriesReader.class);
    /** How long the list of sensor columns is trusted before it is read again (new sensors appear rarely). */
    private static final Duration COLUMNS_TTL = Duration.ofSeconds(10);
    private static final Set<String> NUMERIC = Set.of("DOUBLE", "FLOAT", "LONG", "INT", "SHORT");
    private static final int EXPORT_FETCH_SIZE = 10_000;

    private final TimeSeriesReadConfig config;
    private final String store;
    private final HikariDataSource pool;
    private volatile Columns columns;

    /** The sensor columns of the raw table and of the hourly view (null when there is no view), and the mode tag's. */
    private record Columns(List<String> raw, List<String> hourly, boolean hasMode, Instant readAt) {}

    public QuestDbTimeSeriesReader(TimeSeriesReadConfig config) {
        this.config = config;
        this.store = "QuestDB at " + config.questDbJdbcUrl();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("forewarn-questdb-read");
        pool.setJdbcUrl(config.questDbJdbcUrl());
        pool.setUsername(config.questDbUser());
        pool.setPassword(config.questDbPassword());
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        // Start even while QuestDB is down; each read then reports it.
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionTimeout(Math.max(250, config.queryTimeout().toMillis()));
        if (!config.questDbJdbcUrl().contains("sslmode")) {
            pool.addDataSourceProperty("sslmode", "disable");  // QuestDB OSS speaks no TLS
        }
        // A store that stops answering mid-query must not hold a thread forever.
        pool.addDataSourceProperty("socketTimeout", String.valueOf(config.queryTimeout().toSeconds() + 5));
        this.pool = new HikariDataSource(pool);
    }

    /**
     * Creates or updates the table's retention and index, the sensors' columns and the hourly view; idempotent, so the
     * launcher calls it at every start. Waits until QuestDB has applied the table changes.
     */
    public void ensureSchema(Collection<String> sensorNames) {
        try (Connection c = pool.getConnection()) {
            List<String> notInView = QuestDbTelemetrySchema.ensure(c, sensorNames, config.rawRetention(), config.downsampledRetention());
            if (!notInView.isEmpty()) {
                LOG.warn("{} has no columns for sensors {}: their old history is read from raw data only. To include them,"
                        + " DROP MATERIALIZED VIEW {} and restart (hours older than the raw retention are then lost)",
                        QuestDbSql.HOURLY_VIEW, notInView, QuestDbSql.HOURLY_VIEW);
            }
            columns = null;
        } catch (SQLException e) {
            throw failure(e, e instanceof QuestDbTelemetrySchema.StatementFailed failed ? failed.sql() : "ensureSchema");
        }
    }

    /** {@link #ensureSchema(Collection)} with every sensor of the catalog. */
    public void ensureSchema(ProductCatalog catalog) {
        ensureSchema(QuestDbTelemetrySchema.sensorsOf(catalog));
    }

    @Override
    public DeviceHistory deviceHistory(String deviceId, Set<String> wanted, TimeRange range, Resolution resolution) {
        TagValues.require("device id", deviceId);
        Plan plan = plan(range, resolution, wanted);
        List<HistoryBucket> buckets = plan.sensors().isEmpty() ? List.of()
                : query(QuestDbSql.deviceHistory(plan.sensors(), resolution, plan.hourly()), plan.parameters(deviceId), rs -> {
                    Map<String, SensorStats> stats = perSensor(rs, plan.sensors(), at -> rs.getLong(at + 3) == 0 ? null
                            : new SensorStats(rs.getDouble(at), rs.getDouble(at + 1), rs.getDouble(at + 2), rs.getLong(at + 3)));
                    return stats.isEmpty() ? null : new HistoryBucket(instant(rs, 1), stats);
                });
        return new DeviceHistory(deviceId, plan.range(), resolution, buckets, plan.hourly());
    }

    @Override
    public FleetHistory fleetHistory(String productModel, TimeRange range, Resolution resolution) {
        TagValues.require("product model", productModel);
        Plan plan = plan(range, resolution, Set.of());
        List<FleetBucket> buckets = plan.sensors().isEmpty() ? List.of()
                : query(QuestDbSql.fleetHistory(plan.sensors(), resolution, plan.hourly()), plan.parameters(productModel), rs -> {
                    Map<String, FleetStats> stats = perSensor(rs, plan.sensors(), at -> rs.getInt(at + 3) == 0 ? null
                            : new FleetStats(rs.getDouble(at), rs.getDouble(at + 1), rs.getDouble(at + 2), rs.getInt(at + 3)));
                    return stats.isEmpty() ? null : new FleetBucket(instant(rs, 1), stats);
                });
        return new FleetHistory(productModel, plan.range(), resolution, buckets, plan.hourly());
    }

    /** Where a downsampled read goes: the raw table or the hourly view, the range it reads, and which sensors. */
    private record Plan(boolean hourly, TimeRange range, List<String> sensors) {
        List<Object> parameters(String tagValue) {
            return List.of(tagValue, range.from(), range.to());
        }
    }

    private Plan plan(TimeRange range, Resolution resolution, Set<String> wanted) {
        Reads.checkBuckets(range, resolution);
        Columns known = columns();
        boolean hourly = useHourlyView(known, range, resolution);
        return new Plan(hourly, hourly ? wholeHours(range) : range,
                Reads.sensors(hourly ? known.hourly() : known.raw(), wanted));
    }

    /** Reads one sensor's four result columns, starting at a column index; null when the sensor has no readings. */
    @FunctionalInterface
    private interface SensorColumns<S> {
        S read(int at) throws SQLException;
    }

    // Result rows are: timestamp, then four columns per sensor in the order of sensors.
    private static <S> Map<String, S> perSensor(ResultSet rs, List<String> sensors, SensorColumns<S> columns) throws SQLException {
        Map<String, S> stats = new HashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            S value = columns.read(2 + 4 * i);
            if (value != null) {
                stats.put(sensors.get(i), value);
            }
        }
        return stats;
    }

    @Override
    public long exportTraining(TrainingSelection selection, TimeRange range, Consumer<TrainingRow> rows) {
        Columns known = columns();
        List<String> sensors = known.raw();
        if (sensors.isEmpty()) {
            return 0;
        }
        String sql = QuestDbSql.export(sensors, known.hasMode(), selection);
        List<Object> parameters = new ArrayList<>();
        if (selection.productModel() != null) {
            parameters.add(selection.productModel());
        } else {
            parameters.addAll(selection.deviceIds());
        }
        parameters.add(range.from());
        parameters.add(range.to());
        try (Connection c = pool.getConnection()) {
            // The PostgreSQL driver streams with a cursor only outside auto-commit; otherwise it reads every row first.
            c.setAutoCommit(false);
            try (PreparedStatement ps = prepare(c, sql, parameters)) {
                ps.setFetchSize(EXPORT_FETCH_SIZE);
                long exported = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Double> values = new HashMap<>();
                        for (int i = 0; i < sensors.size(); i++) {
                            double value = rs.getDouble(5 + i);
                            if (!rs.wasNull()) {
                                values.put(sensors.get(i), value);
                            }
                        }
                        if (!values.isEmpty()) {
                            rows.accept(new TrainingRow(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), values));
                            exported++;
                        }
                    }
                }
                return exported;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure(e, describe(sql, parameters));
        }
    }

    @Override
    public String store() {
        return store;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** One result row as a value, or null to skip it. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> parameters, RowReader<T> reader) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = prepare(c, sql, parameters);
             ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                T value = reader.read(rs);
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e, describe(sql, parameters));
        }
    }

    private PreparedStatement prepare(Connection c, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout((int) Math.max(1, config.queryTimeout().toSeconds()));
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Instant instant) {
                ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                ps.setString(i + 1, (String) value);
            }
        }
        return ps;
    }

    private Columns columns() {
        Columns known = columns;
        if (known != null && known.readAt().plus(COLUMNS_TTL).isAfter(Instant.now())) {
            return known;
        }
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            List<String> raw = new ArrayList<>();
            boolean hasMode = false;
            try (ResultSet rs = st.executeQuery(QuestDbSql.columnsOf(QuestDbSql.TABLE))) {
                while (rs.next()) {
                    if (NUMERIC.contains(rs.getString(2))) {
                        raw.add(rs.getString(1));
                    }
                    hasMode |= rs.getString(1).equals("mode");
                }
            } catch (SQLException e) {
                if (!missingTable(e)) {
                    throw e;
                }
            }
            known = new Columns(List.copyOf(raw), QuestDbTelemetrySchema.viewSensors(st), hasMode, Instant.now());
            // An empty store is not remembered: the first write creates the table.
            columns = raw.isEmpty() ? null : known;
            return known;
        } catch (SQLException e) {
            throw failure(e, QuestDbSql.columnsOf(QuestDbSql.TABLE));
        }
    }

    private boolean useHourlyView(Columns known, TimeRange range, Resolution resolution) {
        return resolution.wholeHours() && known.hourly() != null && !known.hourly().isEmpty()
                && range.from().isBefore(Instant.now().minus(config.rawRetention()));
    }

    private static TimeRange wholeHours(TimeRange range) {
        Instant from = range.from().truncatedTo(ChronoUnit.HOURS);
        Instant to = range.to().truncatedTo(ChronoUnit.HOURS);
        return new TimeRange(from, to.equals(range.to()) ? to : to.plus(Duration.ofHours(1)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        // QuestDB timestamps are UTC without a zone; read as LocalDateTime so the JVM's zone never shifts them.
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    static boolean missingTable(SQLException e) {
        return QuestDbTelemetrySchema.missingTable(e);
    }

    private TimeSeriesStoreException failure(SQLException e, String query) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 08xxx: connection failures; 57014: the query timed out; Hikari: no connection could be had in time.
        boolean unavailable = e instanceof SQLTransientConnectionException || state.startsWith("08") || state.equals("57014");
        Throwable reason = e instanceof SQLTransientConnectionException && e.getCause() != null ? e.getCause() : e;
        String problem = unavailable
                ? "is unreachable or did not answer within " + config.queryTimeout() + " (" + reason.getMessage() + ")"
                : "refused the query (" + e.getMessage() + ")";
        return new TimeSeriesStoreException(store, problem, query, unavailable, e);
    }

    private static String describe(String sql, List<Object> parameters) {
        List<Object> shown = parameters.size() > 12 ? new ArrayList<>(parameters.subList(0, 12)) : parameters;
        return sql + " with parameters " + shown + (parameters.size() > 12 ? " and " + (parameters.size() - 12) + " more" : "");
    }
}
