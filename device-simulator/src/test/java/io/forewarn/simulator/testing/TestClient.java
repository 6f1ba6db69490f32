package io.forewarn.simulator.testing;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.publish.MessageCallback;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * A Paho v5 test client: records what arrives on its subscription (client-wide callback, see environment.md) and
 * publishes what a test sends to the simulated devices (notices, service messages).
 */
public final class TestClient implements MessageCallback, AutoCloseable {
    /** One message as it arrived. */
    public record Received(String topic, String payload) {}

    public final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final MqttAsyncClient client;

    /** Connects; subscribes to {@code filter} at QoS 1 unless it is null. */
    public TestClient(String uri, String filter) throws MqttException {
        client = new MqttAsyncClient(uri, "test-client-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        if (filter != null) client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}).waitForCompletion(10_000);
    }

    /** The telemetry received so far, in arrival order. */
    public List<TelemetryMessage> telemetry() {
        return received.stream().filter(r -> TelemetryMessage.deviceIdOf(r.topic()) != null)
                .map(r -> Json.read(r.payload(), TelemetryMessage.class)).toList();
    }

    /** Publishes {@code json} at QoS 1 and waits for the broker's acknowledgement. */
    public void publish(String topic, String json) throws MqttException {
        client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
        client.close(true);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

}
