package io.forewarn.ingest.source;

import io.forewarn.ingest.testing.EmbeddedMqttBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A job reading from the embedded HiveMQ fails mid-stream and restores from its checkpoint, losing nothing. */
class MqttSourceRecoveryTest extends JobFailureRecoveryContract {
    @RegisterExtension
    static final EmbeddedMqttBroker BROKER = new EmbeddedMqttBroker();

    @Override
    String brokerUri() {
        return BROKER.serverUri();
    }
}
