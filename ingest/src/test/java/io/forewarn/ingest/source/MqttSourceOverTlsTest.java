package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.StandaloneReader;
import io.forewarn.ingest.testing.TestCertificates;
import io.forewarn.ingest.testing.TestPublisher;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source over TLS to a real HiveMQ TLS listener whose self-signed certificate is made at test time: it
 * connects with a truststore holding that certificate and refuses, with a clear error, one that does not; and to
 * a listener that requires a client certificate, which it presents from its keystore.
 */
class MqttSourceOverTlsTest {
    @TempDir
    static Path certificates;

    private static TestCertificates.Certificate brokerCertificate;
    private static TestCertificates.Certificate impostorCertificate;
    private static TestCertificates.Certificate clientCertificate;
    private static EmbeddedMqttBroker broker;
    private static EmbeddedMqttBroker mutualTlsBroker;

    @BeforeAll
    static void startBrokersWithTls() {
        brokerCertificate = TestCertificates.selfSigned(certificates, "broker");
        impostorCertificate = TestCertificates.selfSigned(certificates, "impostor");
        clientCertificate = TestCertificates.selfSigned(certificates, "ingest-client");
        broker = EmbeddedMqttBroker.startWithTls(brokerCertificate);
        mutualTlsBroker = EmbeddedMqttBroker.startWithMutualTls(brokerCertificate, clientCertificate);
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        for (EmbeddedMqttBroker started : new EmbeddedMqttBroker[] {broker, mutualTlsBroker}) {
            if (started != null) {
                started.close();
            }
        }
    }

    @Test
    void withTheBrokersCertificateInTheTruststoreTheSourceReceivesOverTls() throws Exception {
        MqttSourceConfig config = tlsSource("trusting")
                .setTruststore(brokerCertificate.truststore().toString(), brokerCertificate.password(), "PKCS12")
                .build()
                .config();

        try (StandaloneReader reader = StandaloneReader.open(config);
                TestPublisher publisher = new TestPublisher(broker.serverUri(), "tls-publisher")) {
            publisher.publish("tls/device", "over tls", 1);

            assertThat(reader.pollUntil(1)).containsExactly("over tls");
        }
    }

    @Test
    void withAnotherCertificateInTheTruststoreConnectingFailsNamingTheTlsHandshakeAndTheTruststore() {
        String wrongTruststore = impostorCertificate.truststore().toString();
        MqttSourceConfig config = tlsSource("distrusting")
                .setTruststore(wrongTruststore, impostorCertificate.password(), "PKCS12")
                .build()
                .config();

        assertThatThrownBy(() -> StandaloneReader.open(config).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broker.tlsServerUri())
                .hasMessageContaining("TLS handshake failed")
                .hasMessageContaining(wrongTruststore);
    }

    @Test
    void aTruststoreThatCannotBeReadFailsNamingTheFile() {
        MqttSourceConfig missing = tlsSource("missing")
                .setTruststore(certificates.resolve("absent.p12").toString(), "secret", "PKCS12")
                .build()
                .config();
        MqttSourceConfig wrongPassword = tlsSource("wrong-password")
                .setTruststore(brokerCertificate.truststore().toString(), "not-the-password", "PKCS12")
                .build()
                .config();

        assertThatThrownBy(() -> StandaloneReader.open(missing).close()).hasMessageContaining("absent.p12: no such file");
        assertThatThrownBy(() -> StandaloneReader.open(wrongPassword).close())
                .hasMessageContaining(brokerCertificate.truststore().toString())
                .hasMessageContaining("wrong password");
    }

    @Test
    void aBrokerThatRequiresAClientCertificateLetsTheSourceInWithItsKeystoreAndRefusesItWithout() throws Exception {
        MqttSourceConfig withCertificate = tlsSource("client-certificate", mutualTlsBroker)
                .setTruststore(brokerCertificate.truststore().toString(), brokerCertificate.password(), "PKCS12")
                .setKeystore(clientCertificate.keystore().toString(), clientCertificate.password(), "JKS")
                .build()
                .config();
        MqttSourceConfig withoutCertificate = tlsSource("no-client-certificate", mutualTlsBroker)
                .setTruststore(brokerCertificate.truststore().toString(), brokerCertificate.password(), "PKCS12")
                .build()
                .config();

        try (StandaloneReader reader = StandaloneReader.open(withCertificate);
                TestPublisher publisher = new TestPublisher(mutualTlsBroker.serverUri(), "mutual-tls-publisher")) {
            publisher.publish("tls/device", "with a client certificate", 1);

            assertThat(reader.pollUntil(1)).containsExactly("with a client certificate");
        }
        assertThatThrownBy(() -> StandaloneReader.open(withoutCertificate).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(mutualTlsBroker.tlsServerUri())
                .hasMessageContaining("The broker ended the TLS handshake")
                .hasMessageContaining("presented none (set FOREWARN_MQTT_KEYSTORE");
    }

    private static MqttSourceBuilder tlsSource(String name) {
        return tlsSource(name, broker);
    }

    private static MqttSourceBuilder tlsSource(String name, EmbeddedMqttBroker broker) {
        return MqttSource.builder()
                .setServerUri(broker.tlsServerUri())
                .setTopicFilters("tls/#")
                .setSharedGroup(null)
                .setClientIdPrefix("tls-" + name)
                .setConnectionTimeout(Duration.ofSeconds(10))
                .setAckMode(AckMode.ON_RECEIPT);
    }
}
