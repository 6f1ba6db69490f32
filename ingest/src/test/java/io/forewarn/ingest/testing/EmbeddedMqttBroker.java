package io.forewarn.ingest.testing;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HiveMQ CE broker in this JVM, listening on a free port of 127.0.0.1, with in-memory persistence and
 * queues large enough that tests never hit the defaults (1,000 queued messages per client). Optionally also a
 * TLS listener on a second port, a check of every CONNECT (a password, say), or file persistence so that
 * sessions and their messages survive {@link #restart()}.
 *
 * <p>As a JUnit extension ({@code @RegisterExtension static final EmbeddedMqttBroker BROKER = new EmbeddedMqttBroker()})
 * it starts before the class's tests and stops after them.
 */
public final class EmbeddedMqttBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final boolean filePersistence;
    /** Decides on every CONNECT whether the client is let in; null lets anyone in. */
    private Predicate<ConnectPacket> admits;
    /** With a TLS listener: clients must present this certificate; null asks for none. */
    private TestCertificates.Certificate requiredClientCertificate;
    private EmbeddedHiveMQ hivemq;
    private Path home;
    private int port;
    private int tlsPort;

    /** Not started yet: register it as an extension, or use {@link #start()}. */
    public EmbeddedMqttBroker() {
        this(false);
    }

    private EmbeddedMqttBroker(boolean filePersistence) {
        this.filePersistence = filePersistence;
    }

    /**
     * Not started yet, and persisting sessions, subscriptions and queued messages to files (HiveMQ's default, and
     * the demo's), so that they survive {@link #restart()}.
     */
    public static EmbeddedMqttBroker withFilePersistence() {
        return new EmbeddedMqttBroker(true);
    }

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

    /**
     * Also listens for mutual TLS: presents {@code certificate}'s, and lets in only clients that present the
     * certificate in {@code client}'s keystore.
     */
    public static EmbeddedMqttBroker startWithMutualTls(TestCertificates.Certificate certificate, TestCertificates.Certificate client) {
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker();
        broker.requiredClientCertificate = client;
        broker.startListening(certificate);
        return broker;
    }

    /** Lets in only clients that connect with this user name and password; anonymous ones too are refused. */
    public static EmbeddedMqttBroker startWithCredentials(String username, String password) {
        return startWithConnectCheck(connect -> connect.getUserName().filter(username::equals).isPresent()
                && connect.getPassword().map(p -> StandardCharsets.UTF_8.decode(p).toString()).filter(password::equals).isPresent());
    }

    /**
     * Shows {@code admits} every CONNECT packet (client id, clean start, session expiry, receive maximum,
     * credentials...) and lets in the clients it accepts; the others are refused as with a bad user name or password.
     */
    public static EmbeddedMqttBroker startWithConnectCheck(Predicate<ConnectPacket> admits) {
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker();
        broker.admits = admits;
        broker.startListening(null);
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
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
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
                            %s
                        </tls>
                    </tls-tcp-listener>
                    """.formatted(tlsPort, tls.keystore(), tls.password(), tls.password(), clientAuthentication());
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
                        <persistence><mode>%s</mode></persistence>
                        <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port, tlsListener, filePersistence ? "file" : "in-memory"));
            launch();
        } catch (Exception e) {
            throw new IllegalStateException("embedded HiveMQ did not start: " + e, e);
        }
    }

    /** The TLS listener's demand for a client certificate, when one is required. */
    private String clientAuthentication() {
        if (requiredClientCertificate == null) {
            return "";
        }
        return """
                <truststore>
                    <path>%s</path>
                    <password>%s</password>
                </truststore>
                <client-authentication-mode>REQUIRED</client-authentication-mode>
                """.formatted(requiredClientCertificate.truststore(), requiredClientCertificate.password());
    }

    /** Builds and starts a broker on the configuration and data under {@link #home}. */
    private void launch() throws Exception {
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"))
                // Keep the test's logback configuration instead of HiveMQ's own.
                .withoutLoggingBootstrap();
        if (admits != null) {
            builder.withEmbeddedExtension(connectCheck(admits));
        }
        hivemq = builder.build();
        hivemq.start().get(60, TimeUnit.SECONDS);
    }

    /** A HiveMQ extension that lets in the clients whose CONNECT {@code admits} accepts. */
    private static EmbeddedExtension connectCheck(Predicate<ConnectPacket> admits) {
        SimpleAuthenticator authenticator = (input, output) -> {
            if (admits.test(input.getConnectPacket())) {
                output.authenticateSuccessfully();
            } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user name or wrong password");
            }
        };
        return EmbeddedExtension.builder()
                .withId("forewarn-test-connect-check")
                .withName("connect check")
                .withVersion("1")
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
                })
                .build();
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

    /**
     * Stops the broker, as a broker shutdown would (connected clients lose their connections), and starts it again
     * as a new instance on the same port with the same configuration and data folders. With
     * {@link #withFilePersistence()} the persistent sessions, their subscriptions and their queued messages survive
     * (what was in flight is another matter: docs/ingest.md).
     */
    public void restart() {
        try {
            // A stopped instance cannot start again (its metrics stay registered): a new one takes over the folders.
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
            launch();
        } catch (Exception e) {
            throw new IllegalStateException("embedded HiveMQ did not restart: " + e, e);
        }
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
