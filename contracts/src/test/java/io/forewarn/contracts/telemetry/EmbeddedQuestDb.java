package io.forewarn.contracts.telemetry;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real QuestDB inside the test JVM, for the tests of every module that writes or reads telemetry (this module's
 * test-jar): InfluxDB v2 writes on its HTTP port, SQL over its PostgreSQL-wire port.
 */
public class EmbeddedQuestDb implements AutoCloseable {
    private final ServerMain server;
    private final int httpPort;
    private final int pgPort;

    /**
     * Starts QuestDB with its data under {@code root}.
     *
     * @param serverConf more lines for QuestDB's {@code server.conf}, e.g. {@code http.user=...} to require credentials
     */
    protected EmbeddedQuestDb(Path root, String serverConf) throws IOException {
        httpPort = freePort();
        pgPort = freePort();
        Path conf = Files.createDirectories(root.resolve("conf"));
        Files.writeString(conf.resolve("server.conf"), """
                http.bind.to=127.0.0.1:%d
                http.min.enabled=false
                pg.net.bind.to=127.0.0.1:%d
                line.tcp.enabled=false
                line.udp.enabled=false
                telemetry.enabled=false
                %s
                """.formatted(httpPort, pgPort, serverConf));
        // QuestDB would log natively to stdout, around the test runner's channel: its log goes to a file instead.
        Path log = Files.createDirectories(root.resolve("log")).resolve("questdb.log");
        Files.writeString(conf.resolve("log.conf"), """
                writers=file
                w.file.class=io.questdb.log.LogFileWriter
                w.file.location=%s
                w.file.level=INFO,ERROR
                """.formatted(log));
        LogFactory.configureRootDir(root.toString());
        server = ServerMain.create(root.toString());
        server.start();
        server.awaitStartup();
    }

    public static EmbeddedQuestDb start(Path root) throws IOException {
        return new EmbeddedQuestDb(root, "");
    }

    /** The InfluxDB v2 write API's base URL (QuestDB's HTTP port). */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** SQL over the PostgreSQL wire protocol, with QuestDB's default credentials ({@link #connect()}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    public Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "admin");
        login.setProperty("password", "quest");
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection(jdbcUrl(), login);
    }

    /** Runs DDL (or any statement without a result). */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
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

    @Override
    public void close() {
        server.close();
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
