package io.forewarn.simulator.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real HiveMQ CE broker inside the test JVM, listening on 127.0.0.1 on a free port, in-memory persistence.
 * The server receive maximum is HiveMQ's default (10) unless given: tests of flow control want the strict default.
 * The per-subscriber queue is raised so a subscriber slower than a burst loses nothing.
 */
public final class EmbeddedBroker implements AutoCloseable {
    public static final int HIVEMQ_DEFAULT_RECEIVE_MAXIMUM = 10;
    /**
     * Messages HiveMQ queues per subscriber before it discards; its default (1,000) drops QoS 1 messages
     * when a test publishes faster than one subscriber reads.
     */
    public static final long MAX_QUEUE_SIZE = 1_000_000;

    private final Path dir;
    private final int port;
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static EmbeddedBroker start(Path dir) {
        return start(dir, HIVEMQ_DEFAULT_RECEIVE_MAXIMUM);
    }

    /** Starts a broker whose configuration, data and extension folders live under {@code dir}. */
    public static EmbeddedBroker start(Path dir, int serverReceiveMaximum) {
        try {
            int port = freePort();
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                      </listeners>
                      <mqtt>
                        <queued-messages><max-queue-size>%d</max-queue-size></queued-messages>
                        <receive-maximum><server-receive-maximum>%d</server-receive-maximum></receive-maximum>
                      </mqtt>
                      <persistence><mode>in-memory</mode></persistence>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, MAX_QUEUE_SIZE, serverReceiveMaximum));
            EmbeddedBroker broker = new EmbeddedBroker(dir, port);
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        try {
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(dir.resolve("conf"))
                    .withDataFolder(Files.createDirectories(dir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                    .withoutLoggingBootstrap()  // keep logback-test.xml in charge
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("embedded HiveMQ did not start", e);
        }
    }

    /**
     * Replaces the broker with a fresh one on the same port, dropping every client connection and session.
     * (A fresh instance because restarting one with in-memory persistence fails in HiveMQ 2025.5: metrics registered twice.)
     */
    public void restart() throws Exception {
        close();
        launch();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A port nothing listens on (for connection-failure tests). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }
}
