package io.forewarn.simulator.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Paho v5 connection that publishes with flow control and keeps its subscriptions across reconnects.
 *
 * <p>At most {@code permits} publishes are in flight: a permit is taken before each publish and given back when the
 * publish completes, so the client never exceeds the broker's receive maximum ("Too many publishes in progress").
 * The session is clean, so the broker forgets subscriptions at a drop; they are made again after every reconnect.
 */
public final class BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    /** Used when the CONNACK does not state a receive maximum; HiveMQ's default. */
    static final int DEFAULT_RECEIVE_MAXIMUM = 10;
    private static final int MAX_PERMITS = 1_000;
    private static final long CONNECT_TIMEOUT_MS = 15_000;
    private static final int SUBSCRIPTION_QOS = 1;

    private final MqttAsyncClient client;
    private final MqttSettings settings;
    private final List<String> subscriptions;
    private final BiConsumer<String, byte[]> onMessage;
    private final Counters counters;
    private volatile Semaphore permits = new Semaphore(DEFAULT_RECEIVE_MAXIMUM - 1);
    private volatile int permitCount = DEFAULT_RECEIVE_MAXIMUM - 1;
    private volatile boolean stopping;

    /**
     * Counters shared by all connections of a publisher.
     *
     * @param published publishes the broker acknowledged (QoS 1) or that were written to the socket (QoS 0)
     * @param failed publishes that failed after being handed to the client
     * @param onCompletion called after every completion, on Paho's thread; must be quick
     */
    public record Counters(AtomicLong published, AtomicLong failed, Runnable onCompletion) {
        public static Counters create() {
            return new Counters(new AtomicLong(), new AtomicLong(), () -> { });
        }
    }

    /**
     * @param subscriptions topic filters subscribed at QoS 1 on connect and after every reconnect (may be empty)
     * @param onMessage receives (topic, payload) of every message arriving on them, on Paho's callback thread
     */
    public BrokerConnection(MqttSettings settings, String clientId, List<String> subscriptions, BiConsumer<String, byte[]> onMessage, Counters counters) {
        this.settings = settings;
        this.subscriptions = List.copyOf(subscriptions);
        this.onMessage = onMessage;
        this.counters = counters;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT broker URI " + settings.serverUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
    }

    /** Starts connecting; {@link #awaitConnected} finishes. Split so many connections handshake at once. */
    public IMqttToken beginConnect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(5_000);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (settings.username() != null) options.setUserName(settings.username());
        if (settings.password() != null) options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        return client.connect(options);
    }

    /**
     * Waits for the CONNACK, sizes the in-flight window from it, and makes the subscriptions; fails with the broker's
     * reason when it refuses the connection or a subscription.
     */
    public void awaitConnected(IMqttToken connecting) throws MqttException {
        connecting.waitForCompletion(CONNECT_TIMEOUT_MS);
        if (!client.isConnected()) {
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
        }
        sizeWindow(connecting.getResponseProperties());
        if (subscriptions.isEmpty()) return;
        IMqttToken subscribing = client.subscribe(subscriptionArray());
        subscribing.waitForCompletion(CONNECT_TIMEOUT_MS);
        int[] codes = subscribing.getReasonCodes();
        for (int i = 0; codes != null && i < codes.length; i++) {
            if (codes[i] >= 0x80) {
                throw new IllegalStateException(client.getClientId() + ": broker refused the subscription to "
                        + subscriptions.get(Math.min(i, subscriptions.size() - 1)) + " (reason code " + codes[i] + ")");
            }
        }
    }

    private MqttSubscription[] subscriptionArray() {
        return subscriptions.stream().map(f -> new MqttSubscription(f, SUBSCRIPTION_QOS)).toArray(MqttSubscription[]::new);
    }

    // One below the broker's receive maximum, so a completion racing with a new publish never overshoots it.
    private void sizeWindow(MqttProperties connack) {
        Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
        int max = receiveMaximum == null || receiveMaximum <= 0 ? DEFAULT_RECEIVE_MAXIMUM : receiveMaximum;
        permitCount = Math.max(1, Math.min(MAX_PERMITS, max - 1));
        permits = new Semaphore(permitCount);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Publishes once a permit is free. Returns false, without publishing, when stopping or disconnected: the caller
     * keeps the message and tries again after the automatic reconnect.
     */
    public boolean publish(String topic, byte[] payload) throws InterruptedException {
        Semaphore window = permits;
        while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (stopping || !client.isConnected()) return false;
            window = permits;  // a reconnect may have replaced the window
        }
        if (stopping) {
            window.release();
            return false;
        }
        try {
            client.publish(topic, payload, settings.qos(), false, null, new Completion(window));
            return true;
        } catch (MqttException e) {
            // Not handed over (typically disconnected): the caller keeps the message for after the reconnect.
            window.release();
            LOG.debug("publish to {} deferred: {}", topic, e.getMessage());
            return false;
        }
    }

    /** Gives the permit back to the window it was taken from (a reconnect replaces the window). */
    private final class Completion implements MqttActionListener {
        private final Semaphore window;

        Completion(Semaphore window) {
            this.window = window;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            counters.published().incrementAndGet();
            done();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            counters.failed().incrementAndGet();
            LOG.warn("publish on {} failed: {}", client.getClientId(), failure == null ? "unknown" : failure.getMessage());
            done();
        }

        private void done() {
            window.release();
            counters.onCompletion().run();
        }
    }

    /** Waits up to {@code timeoutMs} for every publish handed to the client to complete. */
    public boolean drain(long timeoutMs) throws InterruptedException {
        Semaphore window = permits;
        int count = permitCount;
        if (window.tryAcquire(count, timeoutMs, TimeUnit.MILLISECONDS)) {
            window.release(count);
            return true;
        }
        return false;
    }

    /** Publishes handed to the client and not yet completed (since the last reconnect). */
    public int inFlight() {
        return permitCount - permits.availablePermits();
    }

    /** Refuses further publishes; publishes in flight still complete. */
    public void stop() {
        stopping = true;
    }

    /** Starts a clean disconnect; null when there is nothing to disconnect. */
    public IMqttToken beginDisconnect() {
        try {
            return client.isConnected() ? client.disconnect(1_000) : null;
        } catch (MqttException e) {
            LOG.debug("disconnect of {}: {}", client.getClientId(), e.getMessage());
            return null;
        }
    }

    /** Waits for {@code disconnecting} (may be null) and releases the client's threads. */
    public void awaitDisconnected(IMqttToken disconnecting) {
        try {
            if (disconnecting != null) disconnecting.waitForCompletion(5_000);
        } catch (MqttException e) {
            LOG.debug("disconnect of {}: {}", client.getClientId(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close of {}: {}", client.getClientId(), e.getMessage());
        }
    }

    public String clientId() {
        return client.getClientId();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!stopping) LOG.warn("{} lost its connection to {}: {}; reconnecting", client.getClientId(), settings.serverUri(), response);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("{}: MQTT error: {}", client.getClientId(), e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                onMessage.accept(topic, message.getPayload());
            } catch (RuntimeException e) {
                // A bad message must not take the connection down (Paho disconnects when this method throws).
                LOG.warn("{}: message on {} not handled: {}", client.getClientId(), topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Counted in Completion, which knows its window.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!reconnect) return;
            // Publishes in flight at the drop may never complete; start a fresh window rather than leak permits.
            LOG.info("{} reconnected to {}", client.getClientId(), serverUri);
            permits = new Semaphore(permitCount);
            if (subscriptions.isEmpty()) return;
            try {
                client.subscribe(subscriptionArray());  // a clean session forgot them
            } catch (MqttException e) {
                LOG.warn("{}: cannot subscribe again after reconnecting: {}", client.getClientId(), e.getMessage());
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
