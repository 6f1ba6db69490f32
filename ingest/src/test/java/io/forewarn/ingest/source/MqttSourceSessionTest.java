package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import io.forewarn.ingest.testing.StandaloneReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the source asks of the broker when it connects, as the broker sees the CONNECT packet: a persistent
 * session (clean start off, the configured session expiry), its receive maximum and keep-alive; the same again
 * when the reader restarts and resumes its session.
 */
class MqttSourceSessionTest {
    /** What the broker saw of one CONNECT. */
    record Connect(String clientId, boolean cleanStart, long sessionExpirySeconds, int receiveMaximum, int keepAliveSeconds) {}

    private static final List<Connect> CONNECTS = new CopyOnWriteArrayList<>();
    private static EmbeddedMqttBroker broker;

    @BeforeAll
    static void startBrokerThatRecordsConnects() {
        broker = EmbeddedMqttBroker.startWithConnectCheck(connect -> CONNECTS.add(new Connect(connect.getClientId(),
                connect.getCleanStart(), connect.getSessionExpiryInterval(), connect.getReceiveMaximum(), connect.getKeepAlive())));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyConnectAsksForAPersistentSessionWithTheConfiguredExpiryReceiveMaximumAndKeepAlive() {
        MqttSourceConfig config = MqttSource.builder()
                .setServerUri(broker.serverUri())
                .setTopicFilters("session/#")
                .setSharedGroup("session-group")
                .setClientIdPrefix("session-test")
                .setSessionExpiry(Duration.ofMinutes(7))
                .setReceiveMaximum(123)
                .setKeepAlive(Duration.ofSeconds(20))
                .build()
                .config();

        // The first run creates the session, the second (a restarted reader) resumes it.
        StandaloneReader.open(config).close();
        StandaloneReader.open(config).close();

        assertThat(CONNECTS).filteredOn(c -> c.clientId().startsWith("session-test"))
                .containsExactly(new Connect("session-test-0", false, 420, 123, 20), new Connect("session-test-0", false, 420, 123, 20));
    }
}
