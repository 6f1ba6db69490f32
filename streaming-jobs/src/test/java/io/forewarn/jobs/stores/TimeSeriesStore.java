package io.forewarn.jobs.stores;

import io.forewarn.jobs.sinks.TelemetryTable;
import io.forewarn.jobs.sinks.TimeSeriesSettings;
import io.questdb.ServerMain;
import io.questdb.log.LogFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real QuestDB inside the test JVM: the job writes to it through the InfluxDB v2 write API on its HTTP port, and
 * the tests read back with SQL over its PostgreSQL-wire port.
 */
public final class TimeSeriesStore implements AutoCloseable {
    private final ServerMain server;
    private final int httpPort;
    private final int pgPort;

    private TimeSeriesStore(ServerMain server, int httpPort, int pgPort) {
        this.server = server;
        this.httpPort = httpPort;
        this.pgPort = pgPort;
    }

    public static TimeSeriesStore start(Path root) throws IOException {
        return start(root, "");
    }

    /** @param serverConf more lines for QuestDB's {@code server.conf}, e.g. {@code http.user=...} to require credentials */
    public static TimeSeriesStore start(Path root, String serverConf) throws IOException {
        int http = freePort();
        int pg = freePort();
        Path conf = Files.createDirectories(root.resolve("conf"));
        Files.writeString(conf.resolve("server.conf"), """
                http.bind.to=127.0.0.1:%d
                http.min.enabled=false
                pg.net.bind.to=127.0.0.1:%d
                line.tcp.enabled=false
                line.udp.enabled=false
                telemetry.enabled=false
                %s
                """.formatted(http, pg, serverConf));
        // QuestDB would log natively to stdout, around the test runner's channel: its log goes to a file instead.
        Path log = Files.createDirectories(root.resolve("log")).resolve("questdb.log");
        Files.writeString(conf.resolve("log.conf"), """
                writers=file
                w.file.class=io.questdb.log.LogFileWriter
                w.file.location=%s
                w.file.level=INFO,ERROR
                """.formatted(log));
        LogFactory.configureRootDir(root.toString());
        ServerMain server = ServerMain.create(root.toString());
        server.start();
        server.awaitStartup();
        return new TimeSeriesStore(server, http, pg);
    }

    /** Where the telemetry sink writes; QuestDB ignores token, org and bucket. */
    public TimeSeriesSettings settings(int batchSize) {
        return new TimeSeriesSettings(influxUrl(), "unused", "forewarn", "telemetry", batchSize, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    /** The InfluxDB v2 write API's base URL (QuestDB's HTTP port). */
    public String influxUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Runs DDL (or any statement without a result) over the PostgreSQL wire. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Creates the deduplicated telemetry table, as the launcher does before the job writes. */
    public void createTelemetryTable() throws SQLException {
        try (Connection c = connect()) {
            TelemetryTable.ensure(c);
        }
    }

    /**
     * Every row of a query, each column as its text; an empty list while the table does not exist yet (QuestDB
     * creates it on the first write and applies writes asynchronously, so callers wait for what they expect).
     */
    public List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int col = 1; col <= columns; col++) {
                    row.add(rs.getString(col));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return List.of();
            }
            throw e;
        }
    }

    /** Rows in a table, 0 while it does not exist. */
    public long count(String table) throws SQLException {
        List<List<String>> rows = rows("SELECT count() FROM " + table);
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    private Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "admin");
        login.setProperty("password", "quest");
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb", login);
    }

    @Override
    public void close() {
        server.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
