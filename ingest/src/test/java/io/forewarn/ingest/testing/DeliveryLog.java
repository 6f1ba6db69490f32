package io.forewarn.ingest.testing;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * What a job under test delivered: how often each {@code device#seq} arrived, and which reader subtask emitted
 * the fleet's messages in which order. Logs live in a static registry by name: the MiniCluster runs in this JVM,
 * but it runs serialized copies of the job's functions, so {@link #recorder()} finds its log by name.
 *
 * <p>"Fleet" messages are those of {@link TestFleet} devices ({@code ac-...}); probes and other devices are
 * recorded but not counted as fleet messages.
 */
public final class DeliveryLog {
    private static final Map<String, DeliveryLog> LOGS = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> fleetDeliveriesBySubtask = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> seqsByReaderAndDevice = new ConcurrentHashMap<>();
    private final AtomicInteger fleetDeliveries = new AtomicInteger();
    private final AtomicReference<String> failedOn = new AtomicReference<>();
    private final AtomicInteger seenByFailOnce = new AtomicInteger();

    private DeliveryLog(String name) {
        this.name = name;
    }

    /** A new, empty log under {@code name}, replacing any earlier one. */
    public static DeliveryLog create(String name) {
        DeliveryLog log = new DeliveryLog(name);
        LOGS.put(name, log);
        return log;
    }

    private static DeliveryLog named(String name) {
        DeliveryLog log = LOGS.get(name);
        if (log == null) {
            throw new IllegalStateException("no delivery log " + name);
        }
        return log;
    }

    /** Records every message passing through, with the index of the subtask (chained to the reader) that saw it. */
    public MapFunction<TelemetryMessage, TelemetryMessage> recorder() {
        return new Recorder(name);
    }

    /**
     * Throws once, at the {@code n}th fleet message it sees, as a crash in the middle of the stream would; place it
     * after {@link #recorder()} so the failing message is recorded first.
     */
    public MapFunction<TelemetryMessage, TelemetryMessage> failOnceAt(int n) {
        return new FailOnce(name, n);
    }

    void record(TelemetryMessage message, int subtask) {
        deliveries.merge(key(message.deviceId(), message.seq()), 1, Integer::sum);
        if (TestFleet.isFleetDevice(message.deviceId())) {
            fleetDeliveries.incrementAndGet();
            fleetDeliveriesBySubtask.computeIfAbsent(subtask, s -> new AtomicInteger()).incrementAndGet();
            seqsByReaderAndDevice.computeIfAbsent(subtask + "/" + message.deviceId(), k -> new CopyOnWriteArrayList<>())
                    .add(message.seq());
        }
    }

    /** How often {@code device#seq} arrived; 0 when never. */
    public int deliveries(String deviceId, long seq) {
        return deliveries(key(deviceId, seq));
    }

    public int deliveries(String key) {
        return deliveries.getOrDefault(key, 0);
    }

    /** Distinct fleet messages that arrived: what is left after a dedupe by (device, seq). */
    public long distinctFleetMessages() {
        return deliveries.keySet().stream().filter(k -> TestFleet.isFleetDevice(k.substring(0, k.indexOf('#')))).count();
    }

    /** Every arrival of a fleet message, duplicates included. */
    public int fleetDeliveries() {
        return fleetDeliveries.get();
    }

    public Map<Integer, AtomicInteger> fleetDeliveriesBySubtask() {
        return fleetDeliveriesBySubtask;
    }

    /** The seqs of each device in the order one reader subtask emitted them, by {@code subtask/device}. */
    public Map<String, List<Long>> seqsByReaderAndDevice() {
        return seqsByReaderAndDevice;
    }

    /** The {@code device#seq} that {@link #failOnceAt} failed on, or null. */
    public String failedOn() {
        return failedOn.get();
    }

    private static String key(String deviceId, long seq) {
        return deviceId + "#" + seq;
    }

    private static final class Recorder extends RichMapFunction<TelemetryMessage, TelemetryMessage> {
        private final String log;
        private transient int subtask;

        Recorder(String log) {
            this.log = log;
        }

        @Override
        public void open(OpenContext openContext) {
            subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public TelemetryMessage map(TelemetryMessage message) {
            named(log).record(message, subtask);
            return message;
        }
    }

    private static final class FailOnce implements MapFunction<TelemetryMessage, TelemetryMessage> {
        private final String log;
        private final int n;

        FailOnce(String log, int n) {
            this.log = log;
            this.n = n;
        }

        @Override
        public TelemetryMessage map(TelemetryMessage message) {
            DeliveryLog target = named(log);
            String key = key(message.deviceId(), message.seq());
            if (TestFleet.isFleetDevice(message.deviceId()) && target.seenByFailOnce.incrementAndGet() == n
                    && target.failedOn.compareAndSet(null, key)) {
                throw new IllegalStateException("injected failure at " + key + ", fleet message " + n);
            }
            return message;
        }
    }
}
