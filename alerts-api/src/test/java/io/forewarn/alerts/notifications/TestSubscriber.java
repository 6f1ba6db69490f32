package io.forewarn.alerts.notifications;

import io.forewarn.simulator.publish.MessageCallback;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** Listens on a topic filter and keeps every message, to look at what the API published. */
final class TestSubscriber implements AutoCloseable {
    /** A message as it arrived. */
    record Received(String topic, byte[] payload) {}

    private final MqttClient client;
    final List<Received> received = new CopyOnWriteArrayList<>();

    TestSubscriber(String serverUri, String filter) throws MqttException {
        client = new MqttClient(serverUri, "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
        MessageCallback keep = (topic, message) -> received.add(new Received(topic, message.getPayload()));
        client.setCallback(keep);
        client.connect();
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
