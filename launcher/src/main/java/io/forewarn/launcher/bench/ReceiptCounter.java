package io.forewarn.launcher.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the messages a reader receives, with the time of the first and of the last, per connection. The
 * rate is messages per second from the first to the last received, so connecting and start-up are not in it.
 *
 * <p>Counters are found by name ({@link #named}): the Flink job's sink runs as a deserialized copy in the
 * MiniCluster, which shares this JVM.
 */
final class ReceiptCounter {
    private static final Map<String, ReceiptCounter> COUNTERS = new ConcurrentHashMap<>();
    private static final long NOT_YET = Long.MIN_VALUE;

    private final String name;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong firstNanos = new AtomicLong(NOT_YET);
    private final AtomicLong lastNanos = new AtomicLong(NOT_YET);
    private final AtomicLong longestPauseNanos = new AtomicLong();
    private final AtomicLong withAcknowledgement = new AtomicLong();
    private final AtomicLongArray perConnection;

    private ReceiptCounter(String name, int connections) {
        this.name = name;
        this.perConnection = new AtomicLongArray(connections);
    }

    static ReceiptCounter create(String name, int connections) {
        ReceiptCounter counter = new ReceiptCounter(name, connections);
        COUNTERS.put(name, counter);
        return counter;
    }

    static ReceiptCounter named(String name) {
        ReceiptCounter counter = COUNTERS.get(name);
        if (counter == null) {
            throw new IllegalStateException("no receipt counter " + name);
        }
        return counter;
    }

    /** Forgets the counter once its measurement is over. */
    void release() {
        COUNTERS.remove(name);
    }

    /** A message arrived on connection (or reader subtask) {@code connection}, delivered with {@code qos}. */
    void received(int connection, int qos) {
        long now = System.nanoTime();
        firstNanos.compareAndSet(NOT_YET, now);
        long previous = lastNanos.getAndAccumulate(now, Math::max);
        if (previous != NOT_YET && now > previous) {
            longestPauseNanos.accumulateAndGet(now - previous, Math::max);
        }
        count.incrementAndGet();
        perConnection.incrementAndGet(connection);
        if (qos > 0) {
            withAcknowledgement.incrementAndGet();
        }
    }

    long count() {
        return count.get();
    }

    /** Messages per second from the first received to the last; 0 before two have arrived. */
    double ratePerSecond() {
        long n = count.get();
        long first = firstNanos.get();
        long last = lastNanos.get();
        if (n < 2 || first == NOT_YET || last <= first) {
            return 0;
        }
        return (n - 1) / ((last - first) / 1e9);
    }

    /** The longest time between two messages, in seconds: a broker that stalls shows here, not only in the rate. */
    double longestPauseSeconds() {
        return longestPauseNanos.get() / 1e9;
    }

    /** Messages that came at QoS 1 or 2, i.e. needed an acknowledgement. */
    long withAcknowledgement() {
        return withAcknowledgement.get();
    }

    long onConnection(int connection) {
        return perConnection.get(connection);
    }

    int connections() {
        return perConnection.length();
    }
}
