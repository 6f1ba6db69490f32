package io.forewarn.simulator.publish;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection and the devices publishing over it, with flow control: at most {@code permits} publishes in
 * flight, a permit taken before each publish and given back when the publish completes, so the client never exceeds
 * the broker's receive maximum ("Too many publishes in progress").
 */
final class DeviceConnection {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    /** Used when the CONNACK does not state a receive maximum; HiveMQ's default. */
    static final int DEFAULT_RECEIVE_MAXIMUM = 10;
    private static final int MAX_PERMITS = 1_000;
    private static final long CONNECT_TIMEOUT_MS = 15_000;

    private final MqttAsyncClient client;
    private final FleetConfig config;
    private final List<Cursor> cursors;
    private final Counters counters;
    private volatile Semaphore permits = new Semaphore(DEFAULT_RECEIVE_MAXIMUM - 1);
    private volatile int permitCount = DEFAULT_RECEIVE_MAXIMUM - 1;
    private volatile boolean stopping;

    /** Where one device is in its stream: the next reading to publish. */
    private static final class Cursor {
        final SimulatedDevice device;
        volatile long nextSeq;  // written by the connection's thread only; read by completion callbacks

        Cursor(SimulatedDevice device, Instant resumeAfter) {
            this.device = device;
            this.nextSeq = resumeAfter == null ? 1 : device.lastSeqAt(resumeAfter) + 1;
        }
    }

    /** Counters shared by all connections of a publisher. */
    record Counters(AtomicLong published, AtomicLong failed, Runnable onCompletion) {}

    /** @param resumeAfter sim time whose readings were already published (null: start at each device's first) */
    DeviceConnection(FleetConfig config, String clientId, List<SimulatedDevice> devices, Instant resumeAfter, Counters counters) {
        this.config = config;
        this.cursors = devices.stream().map(d -> new Cursor(d, resumeAfter)).toList();
        this.counters = counters;
        try {
            this.client = new MqttAsyncClient(config.serverUri(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT broker URI " + config.serverUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
    }

    /** Starts connecting; {@link #awaitConnected} finishes. Split so all connections handshake at once. */
    IMqttToken beginConnect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(5_000);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (config.username() != null) options.setUserName(config.username());
        if (config.password() != null) options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        return client.connect(options);
    }

    /** Waits for the CONNACK and sizes the in-flight window from it; fails with the broker's reason. */
    void awaitConnected(IMqttToken connecting) throws MqttException {
        connecting.waitForCompletion(CONNECT_TIMEOUT_MS);
        if (!client.isConnected()) {
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
        }
        sizeWindow(connecting.getResponseProperties());
    }

    // One below the broker's receive maximum, so a completion racing with a new publish never overshoots it.
    private void sizeWindow(MqttProperties connack) {
        Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
        int max = receiveMaximum == null || receiveMaximum <= 0 ? DEFAULT_RECEIVE_MAXIMUM : receiveMaximum;
        permitCount = Math.max(1, Math.min(MAX_PERMITS, max - 1));
        permits = new Semaphore(permitCount);
    }

    /**
     * Publishes every reading due by {@code until}, one reading per device per round so the devices stay in step.
     * Returns early when stopping or disconnected; the cursors keep the backlog for the next call.
     */
    void publishDue(Instant until) throws InterruptedException {
        boolean emitted = true;
        while (emitted) {
            emitted = false;
            for (Cursor c : cursors) {
                if (stopping || !client.isConnected()) return;
                if (!c.device.eventTimeOf(c.nextSeq).isAfter(until)) {
                    if (!publish(c)) return;
                    emitted = true;
                }
            }
        }
    }

    /** True once every device has published all its readings up to {@code end}. */
    boolean coveredUntil(Instant end) {
        for (Cursor c : cursors) {
            if (!c.device.eventTimeOf(c.nextSeq).isAfter(end)) return false;
        }
        return true;
    }

    private boolean publish(Cursor c) throws InterruptedException {
        Semaphore window = permits;
        while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (stopping || !client.isConnected()) return false;
            window = permits;  // a reconnect may have replaced the window
        }
        TelemetryMessage message = c.device.message(c.nextSeq);
        byte[] payload = Json.write(message).getBytes(StandardCharsets.UTF_8);
        try {
            client.publish(TelemetryMessage.topicFor(message.deviceId()), payload, config.qos(), false, null, new Completion(window));
        } catch (MqttException e) {
            // Not handed over (typically disconnected): keep the cursor so the reading goes out after reconnecting.
            window.release();
            LOG.debug("publish of {} seq {} deferred: {}", message.deviceId(), message.seq(), e.getMessage());
            return false;
        }
        c.nextSeq++;
        return true;
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
    boolean drain(long timeoutMs) throws InterruptedException {
        Semaphore window = permits;
        if (window.tryAcquire(permitCount, timeoutMs, TimeUnit.MILLISECONDS)) {
            window.release(permitCount);
            return true;
        }
        return false;
    }

    /** Publishes handed to the client and not yet completed (since the last reconnect). */
    int inFlight() {
        return permitCount - permits.availablePermits();
    }

    void stop() {
        stopping = true;
    }

    /** Starts a clean disconnect; null when there is nothing to disconnect. */
    IMqttToken beginDisconnect() {
        try {
            return client.isConnected() ? client.disconnect(1_000) : null;
        } catch (MqttException e) {
            LOG.debug("disconnect of {}: {}", client.getClientId(), e.getMessage());
            return null;
        }
    }

    /** Waits for {@code disconnecting} (may be null) and releases the client's threads. */
    void awaitDisconnected(IMqttToken disconnecting) {
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

    String clientId() {
        return client.getClientId();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!stopping) LOG.warn("{} lost its connection to {}: {}; reconnecting", client.getClientId(), config.serverUri(), response);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("{}: MQTT error: {}", client.getClientId(), e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // The simulator subscribes to nothing.
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Counted in Completion, which knows its window.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                // Publishes in flight at the drop may never complete; start a fresh window rather than leak permits.
                LOG.info("{} reconnected to {}", client.getClientId(), serverUri);
                permits = new Semaphore(permitCount);
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
