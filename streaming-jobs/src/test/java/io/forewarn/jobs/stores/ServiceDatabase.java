package io.forewarn.jobs.stores;

import io.forewarn.contracts.service.ServiceSchema;
import io.forewarn.jobs.sinks.JdbcSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A real PostgreSQL server (embedded binaries) for a test class; each test takes its own freshly migrated database. */
public final class ServiceDatabase implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private ServiceDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static ServiceDatabase start() throws IOException {
        return new ServiceDatabase(EmbeddedPostgres.start());
    }

    /** A new database holding the service-record schema and nothing else. */
    public Database freshDatabase() throws SQLException {
        String name = "forewarn_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        DataSource dataSource = postgres.getDatabase("postgres", name);
        ServiceSchema.migrate(dataSource);
        return new Database(dataSource, new JdbcSettings(postgres.getJdbcUrl("postgres", name), "postgres", ""));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** One migrated database: a data source for the test's own queries and the settings the job connects with. */
    public record Database(DataSource dataSource, JdbcSettings jdbc) {

        /** Registers a customer and one device of theirs, as the service side does before the device reports. */
        public void register(String customerId, String language, String deviceId, String productModel, LocalDate warrantyEnd)
                throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement st = c.prepareStatement("""
                        INSERT INTO customers (customer_id, name, email, language) VALUES (?, ?, ?, ?)
                        ON CONFLICT (customer_id) DO NOTHING""")) {
                    st.setString(1, customerId);
                    st.setString(2, "Customer " + customerId);
                    st.setString(3, customerId + "@example.com");
                    st.setString(4, language);
                    st.executeUpdate();
                }
                try (PreparedStatement st = c.prepareStatement("""
                        INSERT INTO devices (device_id, product_model, customer_id, region, installed_on, warranty_end)
                        VALUES (?, ?, ?, 'east', ?, ?)""")) {
                    st.setString(1, deviceId);
                    st.setString(2, productModel);
                    st.setString(3, customerId);
                    st.setObject(4, warrantyEnd.minusYears(2));
                    st.setObject(5, warrantyEnd);
                    st.executeUpdate();
                }
            }
        }

        /** Every row of a query, each column as its text, in the query's order. */
        public List<List<String>> rows(String sql, Object... params) throws SQLException {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    st.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<List<String>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int col = 1; col <= meta.getColumnCount(); col++) {
                            row.add(rs.getString(col));
                        }
                        rows.add(row);
                    }
                    return rows;
                }
            }
        }

        /** The single value of a one-row, one-column query. */
        public String value(String sql, Object... params) throws SQLException {
            List<List<String>> rows = rows(sql, params);
            if (rows.size() != 1 || rows.get(0).size() != 1) {
                throw new IllegalStateException("expected one value from " + sql + ", got " + rows);
            }
            return rows.get(0).get(0);
        }

        public long count(String table) throws SQLException {
            return Long.parseLong(value("SELECT count(*) FROM " + table));
        }

        public void execute(String sql) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }
    }
}
