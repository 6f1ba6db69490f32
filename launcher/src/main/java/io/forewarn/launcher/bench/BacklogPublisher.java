package io.forewarn.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes the backlog at QoS 1 over {@value #CONNECTIONS} connections, each keeping at most the broker's
 * receive maximum (capped at {@value #MAX_WINDOW}) of publishes unacknowledged, and returns once the broker has
 * acknowledged them all: the broker then holds every message, queued for the offline sessions.
 */
final class BacklogPublisher {
    static final int CONNECTIONS = 2;
    static final int MAX_WINDOW = 1000;
    private static final long TIMEOUT_SECONDS = 60;

    private BacklogPublisher() {}

    /** Publishes everything and returns the publishing rate in messages per second. */
    static double publish(String uri, TelemetryBacklog backlog, String clientIdPrefix, Progress progress) throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            Thread thread = new Thread(() -> {
                try {
                    publishShare(uri, clientIdPrefix + "-publisher-" + connection, backlog, connection, acknowledged, failure);
                } catch (Exception | Error e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-publisher-" + connection);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.join(250);
                progress.update("publishing", acknowledged.get(), backlog.size());
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing the backlog failed: " + failure.get(), failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return backlog.size() / seconds;
    }

    /** Publishes messages {@code connection}, {@code connection + CONNECTIONS}, ... on one connection. */
    private static void publishShare(String uri, String clientId, TelemetryBacklog backlog, int connection,
            AtomicLong acknowledged, AtomicReference<Throwable> failure) throws MqttException, InterruptedException {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        IMqttToken connected = client.connect(options);
        connected.waitForCompletion(TIMEOUT_SECONDS * 1000);
        Integer receiveMaximum = connected.getResponseProperties() == null ? null : connected.getResponseProperties().getReceiveMaximum();
        // Paho refuses a publish beyond the broker's receive maximum ("too many publishes in progress").
        int window = Math.min(MAX_WINDOW, receiveMaximum == null ? 65_535 : receiveMaximum);
        Semaphore inFlight = new Semaphore(window);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acknowledged.incrementAndGet();
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failure.compareAndSet(null, exception);
                inFlight.release();
            }
        };
        try {
            for (int i = connection; i < backlog.size() && failure.get() == null; i += CONNECTIONS) {
                if (!inFlight.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the broker acknowledged no publish for " + TIMEOUT_SECONDS + " s");
                }
                client.publish(backlog.topic(i), backlog.payload(i), 1, false, null, release);
            }
            if (!inFlight.tryAcquire(window, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("publishes still unacknowledged after " + TIMEOUT_SECONDS + " s");
            }
        } finally {
            client.disconnect().waitForCompletion(TIMEOUT_SECONDS * 1000);
            client.close();
        }
    }
}
