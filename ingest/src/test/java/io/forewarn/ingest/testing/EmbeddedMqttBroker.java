package io.forewarn.ingest.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HiveMQ CE broker in this JVM, listening on a free port of 127.0.0.1, with in-memory persistence and
 * queues large enough that tests never hit the defaults (1,000 queued messages per client). Optionally also a
 * TLS listener on a second port.
 *
 * <p>As a JUnit extension ({@code @RegisterExtension static final EmbeddedMqttBroker BROKER = new EmbeddedMqttBroker()})
 * it starts before the class's tests and stops after them.
 */
public final class EmbeddedMqttBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private EmbeddedHiveMQ hivemq;
    private Path home;
    private int port;
    private int tlsPort;

    /** Not started yet: register it as an extension, or use {@link #start()}. */
    public EmbeddedMqttBroker() {}

    public static EmbeddedMqttBroker start() {
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker();
        broker.startListening(null);
        return broker;
    }

    /** Also listens for TLS, presenting the certificate of {@code certificate}'s keystore. */
    public static EmbeddedMqttBroker startWithTls(TestCertificates.Certificate certificate) {
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker();
        broker.startListening(certificate);
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startListening(null);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void startListening(TestCertificates.Certificate tls) {
        try {
            home = Files.createTempDirectory("hivemq-");
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            port = FreePorts.pick();
            tlsPort = tls == null ? -1 : FreePorts.pick();
            String tlsListener = tls == null ? "" : """
                    <tls-tcp-listener>
                        <port>%d</port>
                        <bind-address>127.0.0.1</bind-address>
                        <tls>
                            <keystore>
                                <path>%s</path>
                                <password>%s</password>
                                <private-key-password>%s</private-key-password>
                            </keystore>
                        </tls>
                    </tls-tcp-listener>
                    """.formatted(tlsPort, tls.keystore(), tls.password(), tls.password());
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>127.0.0.1</bind-address>
                            </tcp-listener>
                            %s
                        </listeners>
                        <mqtt>
                            <queued-messages><max-queue-size>100000</max-queue-size></queued-messages>
                        </mqtt>
                        <persistence><mode>in-memory</mode></persistence>
                        <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, tlsListener));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    // Keep the test's logback configuration instead of HiveMQ's own.
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("embedded HiveMQ did not start: " + e, e);
        }
    }

    public String serverUri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TLS listener's URI; only with {@link #startWithTls}. */
    public String tlsServerUri() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this broker was started without a TLS listener");
        }
        return "ssl://127.0.0.1:" + tlsPort;
    }

    @Override
    public void close() throws Exception {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
        } finally {
            hivemq = null;
            deleteRecursively(home);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
