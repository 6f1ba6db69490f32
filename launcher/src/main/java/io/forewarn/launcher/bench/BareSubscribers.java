package io.forewarn.launcher.bench;

import io.forewarn.simulator.publish.MessageCallback;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The broker's delivery ceiling: bare Paho v5 clients resume the backlog's sessions and only count what arrives.
 * Paho acknowledges a QoS 1 message as soon as the callback returns. The same client, receive maximum and
 * sessions as the source's readers, without Flink, checkpoints or held acknowledgements.
 */
final class BareSubscribers implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final List<MqttAsyncClient> clients = new ArrayList<>();

    static BareSubscribers connect(String uri, BacklogSessions sessions, int receiveMaximum, ReceiptCounter counter) throws MqttException {
        BareSubscribers subscribers = new BareSubscribers();
        try {
            for (int n = 0; n < sessions.clientIds().size(); n++) {
                MqttAsyncClient client = new MqttAsyncClient(uri, sessions.clientIds().get(n), new MemoryPersistence());
                subscribers.clients.add(client);
                client.setCallback(new Counting(counter, n));
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setCleanStart(false);
                options.setSessionExpiryInterval(BacklogSessions.EXPIRY_SECONDS);
                options.setReceiveMaximum(receiveMaximum);
                client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
            }
        } catch (MqttException | RuntimeException e) {
            subscribers.close();
            throw e;
        }
        return subscribers;
    }

    @Override
    public void close() {
        for (MqttAsyncClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
                }
                client.close();
            } catch (MqttException e) {
                // The session is removed next anyway; a failed disconnect changes no figure.
            }
        }
    }

    /** Counts each message on the client-wide callback (per-subscription listeners miss shared subscriptions). */
    private record Counting(ReceiptCounter counter, int connection) implements MessageCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            counter.received(connection, message.getQos());
        }
    }
}
