package io.forewarn.launcher.bench;

import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The persistent sessions one measurement drains. Before publishing they are created with the shared
 * subscription and left offline, so the broker queues the whole backlog for them; the reader under test then
 * resumes them.
 *
 * @param group the shared-subscription group, also the client id prefix: client ids are {@code group-<n>},
 *     as the source names its readers' sessions
 * @param clientIds one per connection of the reader under test
 */
record BacklogSessions(String group, List<String> clientIds) {
    static final String TOPIC_FILTER = "devices/+/telemetry";
    static final long EXPIRY_SECONDS = 600;
    private static final long TIMEOUT_MILLIS = 10_000;

    static BacklogSessions of(String group, int connections) {
        return new BacklogSessions(group, IntStream.range(0, connections).mapToObj(n -> group + "-" + n).toList());
    }

    String sharedFilter() {
        return "$share/" + group + "/" + TOPIC_FILTER;
    }

    /** Creates each session (clean start) with the subscription at {@code qos}, then disconnects it. */
    void create(String uri, int qos) throws MqttException {
        for (String clientId : clientIds) {
            MqttAsyncClient client = connect(uri, clientId, EXPIRY_SECONDS);
            try {
                IMqttToken subscribed = client.subscribe(new MqttSubscription[] {new MqttSubscription(sharedFilter(), qos)},
                        null, null, new MqttProperties());
                subscribed.waitForCompletion(TIMEOUT_MILLIS);
                int[] codes = subscribed.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    throw new IllegalStateException("broker refused " + sharedFilter() + " with reason code 0x" + Integer.toHexString(codes[0]));
                }
            } finally {
                disconnect(client);
            }
        }
    }

    private static MqttAsyncClient connect(String uri, String clientId, long expirySeconds) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(expirySeconds);
        client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
        return client;
    }

    private static void disconnect(MqttAsyncClient client) throws MqttException {
        client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        client.close();
    }
}
