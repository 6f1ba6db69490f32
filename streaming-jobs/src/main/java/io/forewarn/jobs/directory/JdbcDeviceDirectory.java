package io.forewarn.jobs.directory;

import io.forewarn.jobs.sinks.JdbcSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The device registry in PostgreSQL, cached per task for a minute so a ticket burst does not become a query burst. */
public final class JdbcDeviceDirectory implements DeviceDirectory {
    private static final long serialVersionUID = 1L;
    private static final String QUERY = """
            SELECT d.device_id, d.product_model, d.customer_id, c.language, c.channels[1] AS channel, d.region, d.warranty_end
            FROM devices d JOIN customers c ON c.customer_id = d.customer_id
            WHERE d.device_id = ?""";

    private final JdbcSettings jdbc;
    private final Duration cacheFor;
    private transient ConcurrentHashMap<String, Cached> cache;
    private transient Connection connection;

    public JdbcDeviceDirectory(JdbcSettings jdbc, Duration cacheFor) {
        this.jdbc = jdbc;
        this.cacheFor = cacheFor;
    }

    @Override
    public void open() {
        cache = new ConcurrentHashMap<>();
    }

    @Override
    public Optional<DeviceRecord> find(String deviceId) {
        long now = System.currentTimeMillis();
        Cached hit = cache.get(deviceId);
        if (hit != null && hit.until > now) {
            return hit.record;
        }
        Optional<DeviceRecord> record = query(deviceId);
        cache.put(deviceId, new Cached(record, now + cacheFor.toMillis()));
        return record;
    }

    private Optional<DeviceRecord> query(String deviceId) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (connection == null || !connection.isValid(2)) {
                    connection = jdbc.connect();
                }
                try (PreparedStatement st = connection.prepareStatement(QUERY)) {
                    st.setString(1, deviceId);
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new DeviceRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getDate(7).toLocalDate()));
                    }
                }
            } catch (SQLException e) {
                connection = null;
                if (attempt >= 3) {
                    throw new IllegalStateException("device directory unavailable: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // closing on shutdown; nothing left to protect
        }
    }

    private record Cached(Optional<DeviceRecord> record, long until) {}
}
