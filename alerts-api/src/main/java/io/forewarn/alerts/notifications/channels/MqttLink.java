package io.forewarn.alerts.notifications.channels;

import io.forewarn.alerts.notifications.NotificationsConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's one MQTT connection, for what it publishes to products: notices and service visits. Publishes are
 * QoS 1, so a success means the broker has the message. Once connected, Paho reconnects by itself; until the first
 * connection succeeds, each publish tries to connect first.
 */
public final class MqttLink {
    /** MQTT 5 PUBACK reason: the broker took the message but no client subscribes to the topic. */
    private static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    private static final int QOS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    /** The connection attempt under way, or null. */
    private Future<Void> connecting;
    private volatile boolean connectedOnce;

    /** How a publish went: the broker always has it; {@code subscribed} is false when nobody listens on the topic. */
    public record Published(boolean subscribed) {}

    public MqttLink(NotificationsConfig.Mqtt mqtt) {
        try {
            // In-memory: a message in flight at a crash is the outbox's to retry, not a file's to replay.
            this.client = new MqttAsyncClient(mqtt.serverUri(), mqtt.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT broker URI " + mqtt.serverUri() + ": " + e.getMessage(), e);
        }
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(30_000);
        options.setConnectionTimeout(10);
        if (mqtt.username() != null) {
            options.setUserName(mqtt.username());
        }
        if (mqtt.password() != null) {
            options.setPassword(mqtt.password().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Starts connecting, unless a connection attempt is under way already; the future completes when the broker
     * accepted the connection.
     */
    public synchronized Future<Void> connect() {
        if (connecting != null) {
            return connecting;
        }
        Promise<Void> done = Promise.promise();
        connecting = done.future();
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connectedOnce = true;
                    LOG.info("notifications connected to MQTT broker {}", client.getServerURI());
                    finishConnecting(done, null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    finishConnecting(done, failure == null
                            ? new IllegalStateException("MQTT connect to " + client.getServerURI() + " failed") : failure);
                }
            });
        } catch (MqttException e) {
            finishConnecting(done, e);
        }
        return done.future();
    }

    private synchronized void finishConnecting(Promise<Void> done, Throwable failure) {
        connecting = null;
        if (failure == null) {
            done.tryComplete();
        } else {
            done.tryFail(failure);
        }
    }

    /**
     * Publishes {@code payload} at QoS 1. Before the first connection it connects (or waits for the attempt under
     * way) first; after a drop, while Paho reconnects, it fails at once, for the caller to try again later.
     */
    public Future<Published> publish(String topic, byte[] payload) {
        if (client.isConnected()) {
            return send(topic, payload);
        }
        if (connectedOnce) {
            return Future.failedFuture("not connected to MQTT broker " + client.getServerURI() + " (reconnecting)");
        }
        return connect().compose(connected -> send(topic, payload));
    }

    private Future<Published> send(String topic, byte[] payload) {
        Promise<Published> done = Promise.promise();
        try {
            client.publish(topic, payload, QOS, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    done.tryComplete(new Published(codes == null || codes.length == 0 || codes[0] != NO_MATCHING_SUBSCRIBERS));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    done.tryFail(failure == null ? new IllegalStateException("publish to " + topic + " failed") : failure);
                }
            });
        } catch (MqttException e) {
            done.tryFail(e);
        }
        return done.future();
    }

    /** Disconnects (letting publishes in flight finish) and releases the client. */
    public Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        try {
            if (!client.isConnected()) {
                client.close(true);
                return Future.succeededFuture();
            }
            client.disconnect(null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    release(closed);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    release(closed);
                }
            });
        } catch (MqttException e) {
            release(closed);
        }
        return closed.future();
    }

    private void release(Promise<Void> closed) {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT link: {}", e.toString());
        }
        closed.tryComplete();
    }
}
