package io.forewarn.simulator.publish;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho v5 client-wide callback for a client that only listens: it acts on arriving messages and ignores the other
 * events. Client-wide because Paho 1.2.5's single-topic subscribe with a listener recurses, and a per-subscription
 * listener is never called for a shared subscription (environment.md).
 */
@FunctionalInterface
public interface MessageCallback extends MqttCallback {
    @Override
    void messageArrived(String topic, MqttMessage message);

    @Override
    default void disconnected(MqttDisconnectResponse response) {}

    @Override
    default void mqttErrorOccurred(MqttException exception) {}

    @Override
    default void deliveryComplete(IMqttToken token) {}

    @Override
    default void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    default void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
