package io.forewarn.launcher.embedded;

import io.forewarn.jobs.sinks.TelemetryTable;
import io.questdb.ServerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * QuestDB inside this JVM: the default time-series store. It accepts the InfluxDB v2 write API on its HTTP port,
 * so the job writes to it with exactly the code that writes to InfluxDB; SQL reads go to its PostgreSQL-wire port.
 * It starts with the deduplicated telemetry table in place ({@link TelemetryTable}).
 */
public final class EmbeddedTimeSeriesStore implements AutoCloseable {
    /** QuestDB's default credentials on its PostgreSQL-wire port. */
    public static final String USER = "admin";
    public static final String PASSWORD = "quest";

    private final ServerMain server;
    private final int httpPort;
    private final int pgPort;

    private EmbeddedTimeSeriesStore(ServerMain server, int httpPort, int pgPort) {
        this.server = server;
        this.httpPort = httpPort;
        this.pgPort = pgPort;
    }

    public static EmbeddedTimeSeriesStore start(Path root, int httpPort, int pgPort) throws IOException {
        int http = httpPort == 0 ? FreePorts.pick() : httpPort;
        int pg = pgPort == 0 ? FreePorts.pick() : pgPort;
        Path conf = Files.createDirectories(root.resolve("conf"));
        Files.writeString(conf.resolve("server.conf"), """
                http.bind.to=127.0.0.1:%d
                http.min.enabled=false
                pg.net.bind.to=127.0.0.1:%d
                line.tcp.enabled=false
                line.udp.enabled=false
                telemetry.enabled=false
                """.formatted(http, pg));
        // QuestDB logs every WAL commit to the console; the demo's console is for people, so its log goes to a file.
        // Its log factory reads the file named by the "out" system property, once per JVM.
        Path logConf = conf.resolve("log.conf");
        Files.writeString(logConf, """
                writers=file
                w.file.class=io.questdb.log.LogFileWriter
                w.file.location=%s
                w.file.level=INFO,ERROR,CRITICAL,ADVISORY
                """.formatted(root.resolve("questdb.log").toAbsolutePath()));
        if (System.getProperty("out") == null) {
            System.setProperty("out", logConf.toAbsolutePath().toString());
        }
        ServerMain server = ServerMain.create(root.toString());
        server.start();
        server.awaitStartup();
        EmbeddedTimeSeriesStore store = new EmbeddedTimeSeriesStore(server, http, pg);
        try {
            // Before the job's first write: a retried or replayed batch must not store a reading twice.
            TelemetryTable.ensure(store.jdbcUrl(), USER, PASSWORD);
        } catch (SQLException e) {
            server.close();
            throw new IOException("cannot create the telemetry table in the embedded QuestDB at " + root, e);
        }
        return store;
    }

    /** The URL for influxdb-client-java (the InfluxDB v2 write API). */
    public String influxUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** SQL over the PostgreSQL wire protocol; QuestDB's default credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    @Override
    public void close() {
        server.close();
    }
}
