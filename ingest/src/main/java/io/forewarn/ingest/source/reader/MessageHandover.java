package io.forewarn.ingest.source.reader;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Bounded queue from the MQTT client threads to Flink's reader thread, with the availability future that
 * {@code SourceReader#isAvailable()} hands to Flink so the task sleeps instead of spinning while nothing arrives.
 *
 * <p>When the queue is full, {@link #put} blocks the Paho callback thread. That is the backpressure path: Paho
 * then fills its own small inbound queue and stops reading the socket, TCP flow control stops the broker, and
 * the broker holds the rest in the session.
 * A block longer than the keep-alive makes Paho drop the connection; it reconnects and the broker redelivers
 * whatever was not acknowledged, so nothing is lost.
 */
final class MessageHandover {
    private static final CompletableFuture<Void> AVAILABLE = CompletableFuture.completedFuture(null);
    private static final long PUT_RETRY_MILLIS = 100;

    private final ArrayBlockingQueue<ReceivedMessage> queue;
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile Throwable failure;
    private volatile boolean closed;

    MessageHandover(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Queues a message, waiting while the queue is full. Returns false, without queueing, once the handover
     * is closed or {@code abandoned} says so (its session is closing): the caller must then leave the message
     * unacknowledged so the broker redelivers it.
     */
    boolean put(ReceivedMessage message, BooleanSupplier abandoned) throws InterruptedException {
        while (!closed && !abandoned.getAsBoolean()) {
            if (queue.offer(message, PUT_RETRY_MILLIS, TimeUnit.MILLISECONDS)) {
                signal();
                return true;
            }
        }
        return false;
    }

    /** The next message, or null when none is queued; rethrows a failure reported by a client thread. */
    ReceivedMessage poll() {
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("MQTT source failed: " + t.getMessage(), t);
        }
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** Completes when a message is queued or a failure is reported. */
    CompletableFuture<Void> availability() {
        synchronized (lock) {
            if (!queue.isEmpty() || failure != null) {
                return AVAILABLE;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    /** Makes the reader thread fail with {@code cause} at its next poll, e.g. when re-subscribing failed. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        signal();
    }

    /** Releases client threads blocked in {@link #put}; later puts are refused. */
    void close() {
        closed = true;
        queue.clear();
    }

    private void signal() {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            toComplete = available;
        }
        toComplete.complete(null);
    }
}
