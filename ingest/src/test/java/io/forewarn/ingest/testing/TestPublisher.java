package io.forewarn.ingest.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes test messages with an {@link MqttAsyncClient}, never more in flight than the broker's receive maximum
 * (HiveMQ's default is 10), so a tight loop does not fail with "too many publishes in progress".
 */
public final class TestPublisher implements AutoCloseable {
    private static final int IN_FLIGHT = 10;

    private final MqttAsyncClient client;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public TestPublisher(String serverUri, String clientId) throws MqttException {
        this(serverUri, clientId, null, null);
    }

    /** Connects with a user name and password, or anonymously when {@code username} is null. */
    public TestPublisher(String serverUri, String clientId, String username, String password) throws MqttException {
        client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(10_000);
    }

    public void publish(String topic, String payload, int qos) throws Exception {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    /** Publishes raw bytes, which need not be UTF-8 or JSON. */
    public void publish(String topic, byte[] payload, int qos) throws Exception {
        if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker acknowledged nothing for 30 s");
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        client.publish(topic, message, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failure.compareAndSet(null, exception);
                inFlight.release();
            }
        });
        if (failure.get() != null) {
            throw new IllegalStateException("publish failed", failure.get());
        }
    }

    /** Publishes each payload at QoS 1 on {@code topic}, in order, and waits until the broker acknowledged them all. */
    public void publishAll(String topic, List<String> payloads) throws Exception {
        for (String payload : payloads) {
            publish(topic, payload, 1);
        }
        flush();
    }

    /** Waits until the broker has acknowledged everything published so far. */
    public void flush() throws InterruptedException {
        if (!inFlight.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes still unacknowledged after 30 s");
        }
        inFlight.release(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("publish failed", failure.get());
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
