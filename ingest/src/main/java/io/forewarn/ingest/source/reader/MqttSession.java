package io.forewarn.ingest.source.reader;

import io.forewarn.ingest.source.AckMode;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.source.MqttSourceConfig;
import io.forewarn.ingest.source.split.MqttSubscriptionSplit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
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
 * The persistent MQTT session of one split: a Paho {@code MqttAsyncClient} with client id {@code <prefix>-<index>},
 * clean start off and a session expiry, so the broker keeps the subscription and queues messages while the job
 * is down.
 *
 * <p>Messages come in through the client-wide {@link #messageArrived} callback: Paho never calls a
 * per-subscription listener for a {@code $share/...} subscription. Acknowledgements are always manual; the
 * reader sends them after the covering checkpoint completed ({@link AckMode#ON_CHECKPOINT}) or this session
 * sends them once the message is queued for Flink ({@link AckMode#ON_RECEIPT}).
 *
 * <p>Paho reconnects on its own with exponential backoff. On every reconnect this session subscribes again:
 * if the broker kept the session this is a harmless replacement of the same subscription, and if the session
 * expired meanwhile it restores the subscription.
 */
final class MqttSession implements MqttCallback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);

    private final MqttSourceConfig config;
    private final MqttSubscriptionSplit split;
    private final MessageHandover handover;
    private final MqttSourceReaderMetrics metrics;
    private final String clientId;
    private final long timeoutMillis;
    private MqttAsyncClient client;
    /** Counts connections; bumped when one is lost so acks of messages received on it are skipped. */
    private volatile long connection;
    private volatile boolean closing;

    MqttSession(MqttSourceConfig config, MqttSubscriptionSplit split, MessageHandover handover, MqttSourceReaderMetrics metrics) {
        this.config = config;
        this.split = split;
        this.handover = handover;
        this.metrics = metrics;
        this.clientId = config.clientIdFor(split.index());
        this.timeoutMillis = config.connectionTimeout().toMillis();
    }

    MqttSubscriptionSplit split() {
        return split;
    }

    /**
     * Connects, waiting up to the connection timeout, and subscribes. A broker that cannot be reached fails here;
     * Flink's restart strategy then provides the retry with backoff. Once connected, Paho reconnects by itself.
     *
     * <p>A fresh session waits for its subscription to be granted, so a refusal fails here. A resumed session
     * (the broker kept it) must not wait: the broker starts sending what it queued right after the CONNACK,
     * ahead of the SUBACK, and with more queued than the handover holds, the client thread blocks until this
     * task thread polls, which it cannot while waiting. So a resumed session subscribes in the background, and
     * a refusal fails the reader at its next poll.
     */
    void open() {
        try {
            // Paho's default file persistence would write into the working directory; inbound QoS 1 needs none.
            client = new MqttAsyncClient(config.serverUri(), clientId, new MemoryPersistence());
            client.setCallback(this);
            client.setManualAcks(true);
            IMqttToken connected = client.connect(connectionOptions());
            connected.waitForCompletion(timeoutMillis);
            LOG.info("MQTT client {} connected to {} (session present: {})", clientId, config.serverUri(), connected.getSessionPresent());
            if (connected.getSessionPresent()) {
                subscribe(subscriptionListener("cannot subscribe on resuming its session"));
            } else {
                IMqttToken subscribed = subscribe(null);
                subscribed.waitForCompletion(timeoutMillis);
                checkGranted(subscribed);
            }
        } catch (MqttException | RuntimeException e) {
            // Stop the client thread from waiting for room in the handover, or the client lives on, reconnecting.
            closing = true;
            closeQuietly();
            throw new IllegalStateException("MQTT client " + clientId + " cannot connect and subscribe to "
                    + config.serverUri() + " " + config.subscribedFilters() + ": " + describe(e) + tlsHint(e), e);
        }
    }

    /** Says what to check when the failure was the TLS handshake, which Paho reports only as a nested cause. */
    private String tlsHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException && String.valueOf(t.getMessage()).contains("Received fatal alert")) {
                // The broker ended the handshake: most often it wants a client certificate it trusts.
                String presented = config.tls().keystorePath() == null
                        ? "none (set FOREWARN_MQTT_KEYSTORE if the broker requires client certificates)"
                        : "the one in the keystore " + config.tls().keystorePath();
                return ". The broker ended the TLS handshake; if it requires a client certificate, it must be one the "
                        + "broker trusts. This client presented " + presented;
            }
            if (t instanceof SSLException) {
                String trusted = config.tls().truststorePath() == null
                        ? "the JVM's default CAs (set FOREWARN_MQTT_TRUSTSTORE for a private CA or a self-signed broker)"
                        : "the truststore " + config.tls().truststorePath();
                return ". The TLS handshake failed: the broker's certificate must be signed by a CA in " + trusted
                        + " and name the host of " + config.serverUri();
            }
        }
        return "";
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(seconds(config.reconnectMinDelay().toMillis()), seconds(config.reconnectMaxDelay().toMillis()));
        options.setConnectionTimeout(seconds(timeoutMillis));
        options.setKeepAliveInterval(seconds(config.keepAlive().toMillis()));
        options.setReceiveMaximum(config.receiveMaximum());
        if (config.serverUri().startsWith("ssl://") || config.serverUri().startsWith("wss://")) {
            // Hostname verification stays on (Paho's default): the certificate must name the broker's host.
            options.setSocketFactory(config.tls().socketFactory());
        }
        if (config.username() != null) {
            options.setUserName(config.username());
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    private IMqttToken subscribe(MqttActionListener listener) throws MqttException {
        MqttSubscription[] subscriptions = config.subscribedFilters().stream()
                .map(filter -> new MqttSubscription(filter, config.qos()))
                .toArray(MqttSubscription[]::new);
        // The array overload: the single-subscription listener overloads are where Paho v5 misbehaves.
        return client.subscribe(subscriptions, null, listener, new MqttProperties());
    }

    private void checkGranted(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes == null) {
            return;
        }
        List<String> filters = config.subscribedFilters();
        for (int i = 0; i < codes.length; i++) {
            String filter = i < filters.size() ? filters.get(i) : "?";
            if (codes[i] >= 0x80) {
                throw new IllegalStateException("broker refused subscription " + filter + " with reason code 0x" + Integer.toHexString(codes[i]));
            }
            if (codes[i] < config.qos()) {
                LOG.warn("MQTT client {}: broker granted QoS {} for {} instead of {}", clientId, codes[i], filter, config.qos());
            }
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        metrics.messageReceived();
        MqttRecord record = new MqttRecord(topic, message.getPayload(), message.getQos(), System.currentTimeMillis());
        ReceivedMessage received = new ReceivedMessage(record, this, message.getId(), connection);
        // May block while Flink's queue is full; see MessageHandover for why that is the intended backpressure.
        boolean queued = handover.put(received, () -> closing);
        if (queued && config.ackMode() == AckMode.ON_RECEIPT && received.needsAck()) {
            acknowledge(received.ack());
        }
        // Not queued means the reader is closing: the message stays unacknowledged and the broker redelivers it.
    }

    /** Acknowledges a message to the broker, unless the connection it came on is gone (then it is redelivered). */
    void acknowledge(ReceivedMessage.Ack message) {
        if (message.connection() != connection) {
            return;
        }
        try {
            client.messageArrivedComplete(message.messageId(), message.qos());
            metrics.acknowledged(message.receivedAtMillis());
        } catch (MqttException | RuntimeException e) {
            // The broker redelivers what it has not seen acknowledged; a lost ack costs a duplicate, not data.
            metrics.ackFailed();
            LOG.debug("MQTT client {}: cannot acknowledge message {}: {}", clientId, message.messageId(), describe(e));
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (!reconnect || closing) {
            return;
        }
        metrics.reconnected();
        LOG.info("MQTT client {} reconnected to {}; subscribing again", clientId, serverUri);
        try {
            subscribe(subscriptionListener("cannot subscribe again after reconnecting"));
        } catch (MqttException e) {
            // Happens when the fresh connection is already gone again; the next reconnect subscribes anew.
            LOG.warn("MQTT client {}: cannot subscribe again: {}", clientId, describe(e));
        }
    }

    /** Fails the reader, at its next poll, when the broker refuses a subscription made in the background. */
    private MqttActionListener subscriptionListener(String failure) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                try {
                    checkGranted(token);
                } catch (IllegalStateException e) {
                    handover.fail(e);
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                if (!closing) {
                    handover.fail(new IllegalStateException("MQTT client " + clientId + " " + failure, exception));
                }
            }
        };
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connection++;
        if (!closing) {
            LOG.warn("MQTT client {} lost its connection ({}); reconnecting with backoff {}..{}", clientId,
                    response, config.reconnectMinDelay(), config.reconnectMaxDelay());
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT client {}: {}", clientId, describe(exception));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // This client only subscribes.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }

    /**
     * Disconnects normally, which keeps the broker session (and any unacknowledged messages) for the session
     * expiry, so the restarted reader resumes it.
     */
    @Override
    public void close() {
        closing = true;
        closeQuietly();
    }

    private void closeQuietly() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT client {}: disconnect failed: {}", clientId, describe(e));
            try {
                client.disconnectForcibly(0, timeoutMillis, false);
            } catch (MqttException | RuntimeException again) {
                LOG.debug("MQTT client {}: forced disconnect failed: {}", clientId, describe(again));
            }
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT client {}: close failed: {}", clientId, describe(e));
        }
    }

    private static int seconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof MqttException m) {
            return message + " (reason code " + m.getReasonCode() + ")" + (e.getCause() == null ? "" : ": " + e.getCause());
        }
        return message == null ? e.toString() : message;
    }

    @Override
    public String toString() {
        return "MqttSession[" + clientId + ", filters=" + config.subscribedFilters() + "]";
    }
}
