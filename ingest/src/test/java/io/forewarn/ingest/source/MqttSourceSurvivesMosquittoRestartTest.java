package io.forewarn.ingest.source;

import io.forewarn.ingest.testing.MosquittoContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The running job reads on through a restart of the Mosquitto broker, whose persistence file keeps the readers'
 * sessions (written on SIGTERM). Needs Docker: it fails, never skips, without it.
 */
@Testcontainers
class MqttSourceSurvivesMosquittoRestartTest extends BrokerRestartContract {
    @Container
    static final MosquittoContainer MOSQUITTO = new MosquittoContainer();

    @Override
    String brokerUri() {
        return MOSQUITTO.uri();
    }

    @Override
    void restartBroker() {
        MOSQUITTO.restart();
    }

    /** Mosquitto keeps them in its persistence file and sends them again. */
    @Override
    boolean resendsInFlightMessagesAfterRestart() {
        return true;
    }
}
