package io.forewarn.alerts.notifications;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Listens on a topic filter and keeps every message, to look at what the API published. */
final class TestSubscriber implements AutoCloseable {
    /** A message as it arrived. */
    record Received(String topic, byte[] payload) {}

    private final MqttClient client;
    final List<Received> received = new CopyOnWriteArrayList<>();

    TestSubscriber(String serverUri, String filter) throws MqttException {
        client = new MqttClient(serverUri, "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
        // The client-wide callback: Paho 1.2.5's single-topic subscribe with a listener recurses (environment.md).
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        client.connect();
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
