package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.StandaloneReader;
import io.forewarn.ingest.testing.TestPublisher;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source against a HiveMQ that lets in only one user name with its password: it connects with those
 * credentials, and with a wrong password (or none) it fails, saying the broker refused the credentials.
 */
class MqttSourceWithCredentialsTest {
    private static final String USER = "ingest";
    private static final String PASSWORD = "s3cret-for-tests";
    private static EmbeddedMqttBroker broker;

    @BeforeAll
    static void startBrokerWithPasswordCheck() {
        broker = EmbeddedMqttBroker.startWithCredentials(USER, PASSWORD);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withTheRightUserNameAndPasswordTheSourceReceives() throws Exception {
        MqttSourceConfig config = source("right").setCredentials(USER, PASSWORD).build().config();

        try (StandaloneReader reader = StandaloneReader.open(config);
                TestPublisher publisher = new TestPublisher(broker.serverUri(), "credentials-publisher", USER, PASSWORD)) {
            publisher.publish("credentials/device", "let in", 1);

            assertThat(reader.pollUntil(1)).containsExactly("let in");
        }
    }

    @Test
    void withAWrongPasswordOrNoneConnectingFailsNamingTheBrokerAndTheRefusal() {
        MqttSourceConfig wrong = source("wrong").setCredentials(USER, "not-the-password").build().config();
        MqttSourceConfig anonymous = source("anonymous").build().config();

        for (MqttSourceConfig config : new MqttSourceConfig[] {wrong, anonymous}) {
            assertThatThrownBy(() -> StandaloneReader.open(config).close())
                    .as(config.clientIdPrefix())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(config.clientIdFor(0))
                    .hasMessageContaining(broker.serverUri())
                    // MQTT 5 reason code 0x86, "Bad User Name or Password", as Paho reports it.
                    .hasMessageContaining("reason code 134");
        }
    }

    private static MqttSourceBuilder source(String name) {
        return MqttSource.builder()
                .setServerUri(broker.serverUri())
                .setTopicFilters("credentials/#")
                .setSharedGroup(null)
                .setClientIdPrefix("credentials-" + name)
                .setConnectionTimeout(Duration.ofSeconds(10))
                .setAckMode(AckMode.ON_RECEIPT);
    }
}
