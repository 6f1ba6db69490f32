package io.forewarn.alerts.timeseries;

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

/** A real QuestDB in the test JVM: InfluxDB v2 writes on its HTTP port, SQL on its PostgreSQL-wire port. */
final class EmbeddedQuestDb implements AutoCloseable {
    private final ServerMain server;
    private final int httpPort;
    private final int pgPort;

    private EmbeddedQuestDb(ServerMain server, int httpPort, int pgPort) {
        this.server = server;
        this.httpPort = httpPort;
        this.pgPort = pgPort;
    }

    static EmbeddedQuestDb start(Path root) throws IOException {
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
                """.formatted(http, pg));
        // QuestDB would log natively to stdout, around the test runner's channel: its log goes to a file instead.
        Files.writeString(conf.resolve("log.conf"), """
                writers=file
                w.file.class=io.questdb.log.LogFileWriter
                w.file.location=%s
                w.file.level=INFO,ERROR
                """.formatted(root.resolve("questdb.log")));
        LogFactory.configureRootDir(root.toString());
        ServerMain server = ServerMain.create(root.toString());
        server.start();
        server.awaitStartup();
        return new EmbeddedQuestDb(server, http, pg);
    }

    String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    /** Every row of a query, each column as its text. */
    List<List<String>> rows(String sql) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "admin");
        login.setProperty("password", "quest");
        login.setProperty("sslmode", "disable");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), login);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                    row.add(rs.getString(col));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
