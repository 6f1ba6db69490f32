package io.forewarn.ingest.source;

import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The running job reads on through a restart of the embedded HiveMQ, with file persistence as the demo's broker
 * has, so the readers' sessions and their queued and in-flight messages survive it.
 */
class MqttSourceSurvivesHiveMqRestartTest extends BrokerRestartContract {
    @RegisterExtension
    static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.withFilePersistence();

    @Override
    String brokerUri() {
        return BROKER.serverUri();
    }

    @Override
    void restartBroker() {
        BROKER.restart();
    }

    /** Observed: HiveMQ CE 2025.5 does not, for a shared subscription; see docs/ingest.md. */
    @Override
    boolean resendsInFlightMessagesAfterRestart() {
        return false;
    }
}
