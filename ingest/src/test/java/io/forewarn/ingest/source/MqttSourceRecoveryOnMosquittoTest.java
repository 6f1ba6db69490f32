package io.forewarn.ingest.source;

import io.forewarn.ingest.testing.MosquittoContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A job reading from Mosquitto fails mid-stream and restores from its checkpoint, losing nothing. Needs Docker:
 * it fails, never skips, without it.
 */
@Testcontainers
class MqttSourceRecoveryOnMosquittoTest extends JobFailureRecoveryContract {
    @Container
    static final MosquittoContainer MOSQUITTO = new MosquittoContainer();

    @Override
    String brokerUri() {
        return MOSQUITTO.uri();
    }
}
