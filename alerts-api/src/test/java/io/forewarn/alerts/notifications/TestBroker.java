package io.forewarn.alerts.notifications;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real HiveMQ CE broker in the test JVM on a free loopback port, with in-memory persistence. */
final class TestBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private TestBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    static TestBroker start(Path dir) throws Exception {
        int port = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
                    <persistence><mode>in-memory</mode></persistence>
                    <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                // Keep the test's logback configuration instead of HiveMQ's own.
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new TestBroker(hivemq, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(60, TimeUnit.SECONDS);
        hivemq.close();
    }
}
