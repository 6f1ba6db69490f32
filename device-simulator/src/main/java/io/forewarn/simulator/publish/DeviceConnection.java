package io.forewarn.simulator.publish;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.maintenance.Maintenance;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.simulator.notices.DeviceNotice;
import io.forewarn.simulator.truth.TruthRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices that share one MQTT connection: they publish their readings in event-time order and receive their
 * notices (and, when listening, service messages) over it.
 *
 * <p>Each device has a cursor (its next reading); the cursors wait in a priority queue ordered by the next reading's
 * event time, so a tick touches only the devices that are due, whatever the fleet's size.
 */
final class DeviceConnection {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    /** Where received notices are logged, at INFO: {@code notice for <device>: <title>}. */
    static final Logger NOTICES = LoggerFactory.getLogger("io.forewarn.simulator.notices");
    /**
     * Up to this many devices a connection subscribes to each device's own topics; beyond it, to one wildcard per
     * topic kind, dropping other connections' messages (notices are rare; the subscription count stays bounded).
     */
    static final int EXACT_TOPICS_LIMIT = 32;

    private final BrokerConnection broker;
    private final List<Cursor> cursors;
    private final Map<String, Cursor> byId;  // read-only after construction: safe from Paho's thread
    private final PriorityQueue<Cursor> due = new PriorityQueue<>(Comparator.<Cursor, Instant>comparing(c -> c.nextAt).thenComparingInt(c -> c.order));
    private final Queue<Order> serviceInbox = new ConcurrentLinkedQueue<>();
    private final boolean listenForService;
    private final RateLimiter rate;
    private final Hooks hooks;
    private final Duration longestInterval;
    private volatile Instant frontier;  // event time of the earliest unpublished reading

    /** Where one device is in its stream. */
    static final class Cursor {
        final int order;
        volatile SimulatedDevice device;  // replaced by a service visit
        volatile long nextSeq;
        Instant nextAt;                   // event time of nextSeq; connection thread only
        List<Pending> pending;            // service visits not yet in effect; connection thread only, usually null

        Cursor(int order, SimulatedDevice device, Instant resumeAfter) {
            this.order = order;
            this.device = device;
            this.nextSeq = resumeAfter == null ? 1 : device.lastSeqAt(resumeAfter) + 1;
            this.nextAt = device.eventTimeOf(nextSeq);
        }
    }

    private record Order(Cursor cursor, ServiceMessage message) {}

    private record Pending(Instant effectiveAt, ServiceMessage message) {}

    /**
     * What the connections of one publisher share besides the publish counters.
     *
     * @param truth receives the ground truth of each service visit applied
     */
    record Hooks(AtomicLong notices, AtomicLong serviceEvents, Consumer<TruthRow> truth) {}

    /**
     * @param resumeAfter sim time whose readings were already published (null: start at each device's first)
     * @param rate shared publish-rate cap, or null
     */
    DeviceConnection(MqttSettings mqtt, String clientId, List<SimulatedDevice> devices, Instant resumeAfter,
                     boolean listenForService, RateLimiter rate, BrokerConnection.Counters counters, Hooks hooks) {
        this.listenForService = listenForService;
        this.rate = rate;
        this.hooks = hooks;
        List<Cursor> list = new ArrayList<>(devices.size());
        Map<String, Cursor> ids = new HashMap<>(devices.size() * 2);
        for (SimulatedDevice d : devices) {
            Cursor c = new Cursor(list.size(), d, resumeAfter);
            list.add(c);
            ids.put(d.deviceId(), c);
        }
        this.cursors = List.copyOf(list);
        this.longestInterval = devices.stream().map(SimulatedDevice::sampleInterval).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        this.byId = ids;
        due.addAll(list);
        frontier = due.isEmpty() ? Instant.MAX : due.peek().nextAt;
        this.broker = new BrokerConnection(mqtt, clientId, subscriptions(devices, listenForService), this::onMessage, counters);
    }

    /** The topic filters a connection owning {@code devices} subscribes to. */
    static List<String> subscriptions(List<SimulatedDevice> devices, boolean listenForService) {
        List<String> filters = new ArrayList<>();
        if (devices.size() <= EXACT_TOPICS_LIMIT) {
            for (SimulatedDevice d : devices) {
                filters.add(DeviceNotice.topicFor(d.deviceId()));
                if (listenForService) filters.add(ServiceMessage.topicFor(d.deviceId()));
            }
        } else {
            filters.add(DeviceNotice.topicFor("+"));
            if (listenForService) filters.add(ServiceMessage.topicFor("+"));
        }
        return filters;
    }

    IMqttToken beginConnect() throws MqttException {
        return broker.beginConnect();
    }

    void awaitConnected(IMqttToken connecting) throws MqttException {
        broker.awaitConnected(connecting);
    }

    /**
     * Publishes every reading due by {@code until}, earliest event time first. Returns early when stopping or
     * disconnected; the cursors keep the backlog for the next call.
     */
    void publishDue(Instant until) throws InterruptedException {
        takeServiceOrders();
        while (true) {
            Cursor c = due.peek();
            if (c == null || c.nextAt.isAfter(until)) return;
            if (rate != null) rate.acquire();
            if (c.pending != null) applyServiceDue(c);
            TelemetryMessage message = c.device.message(c.nextSeq);
            byte[] payload = Json.write(message).getBytes(StandardCharsets.UTF_8);
            if (!broker.publish(TelemetryMessage.topicFor(message.deviceId()), payload)) return;
            due.poll();
            c.nextSeq++;
            c.nextAt = c.device.eventTimeOf(c.nextSeq);
            due.add(c);
            frontier = due.peek().nextAt;
        }
    }

    /** True once every device has published all its readings up to {@code end}. Any thread. */
    boolean coveredUntil(Instant end) {
        return frontier.isAfter(end);
    }

    /**
     * A sim time up to which every reading of these devices has been published and confirmed: just before the
     * earliest unpublished one, less one sample interval per publish still unconfirmed (readings go out in event-time
     * order, so each unconfirmed one lies at most one interval before the next). Call once publishing has stopped.
     */
    Instant publishedUntil() {
        Instant unpublished = frontier;
        if (unpublished.equals(Instant.MAX)) return Instant.MAX;
        return unpublished.minusNanos(1).minus(longestInterval.multipliedBy(inFlight()));
    }

    /** Adds this connection's faults showing and failed devices at {@code t} to {@code counts} ([active, failed]). */
    void countFaults(Instant t, int[] counts) {
        for (Cursor c : cursors) {
            Fault f = c.device.fault().orElse(null);
            if (f == null) continue;
            if (f.isActive(t)) counts[0]++;
            if (f.hasFailed(t)) counts[1]++;
        }
    }

    // Paho's callback thread: keep it short; service visits are handed to the connection thread.
    private void onMessage(String topic, byte[] payload) {
        String[] parts = topic.split("/", -1);
        if (parts.length != 3 || !parts[0].equals("devices")) return;
        Cursor c = byId.get(parts[1]);
        if (c == null) return;  // another connection's device, seen through the wildcard
        if (parts[2].equals("notices")) {
            receiveNotice(c, payload);
        } else if (parts[2].equals("service") && listenForService) {
            try {
                ServiceMessage message = ServiceMessage.parse(payload);
                // The product changes when the technician is done; a visit that has only started changes nothing yet.
                if (message.finished()) serviceInbox.add(new Order(c, message));
            } catch (IllegalArgumentException e) {
                LOG.warn("service message for {} ignored: {}", parts[1], e.getMessage());
            }
        }
    }

    private void receiveNotice(Cursor c, byte[] payload) {
        DeviceNotice notice;
        try {
            notice = DeviceNotice.parse(payload);
        } catch (IllegalArgumentException e) {
            NOTICES.warn("notice for {} ignored: {}", c.device.deviceId(), e.getMessage());
            return;
        }
        hooks.notices().incrementAndGet();
        NOTICES.info("notice for {}: {}", c.device.deviceId(), notice.title());
    }

    // A visit takes effect at its `at`, but never before the device's next reading: published readings stay as they were.
    private void takeServiceOrders() {
        Order order;
        while ((order = serviceInbox.poll()) != null) {
            Cursor c = order.cursor();
            Instant at = order.message().at();
            Instant effective = at == null || at.isBefore(c.nextAt) ? c.nextAt : at;
            if (c.pending == null) c.pending = new ArrayList<>(1);
            int i = 0;
            while (i < c.pending.size() && !c.pending.get(i).effectiveAt().isAfter(effective)) i++;
            c.pending.add(i, new Pending(effective, order.message()));
        }
    }

    private void applyServiceDue(Cursor c) {
        while (c.pending != null && !c.pending.get(0).effectiveAt().isAfter(c.nextAt)) {
            Pending p = c.pending.remove(0);
            if (c.pending.isEmpty()) c.pending = null;
            Maintenance.Outcome outcome = Maintenance.apply(c.device, p.message().type(), p.effectiveAt(), p.message().ticketId());
            c.device = outcome.device();
            LOG.info("{} for {} at {} (ticket {}): {}", p.message().type(), c.device.deviceId(), p.effectiveAt(),
                    p.message().ticketId(), c.device.fault().map(f -> "fault " + f.mode().id() + " fails at " + f.failureAt()).orElse("healthy"));
            for (TruthRow row : outcome.rows()) {
                try {
                    hooks.truth().accept(row);
                } catch (RuntimeException e) {
                    LOG.error("cannot record the ground truth of {}: {}", c.device.deviceId(), e.getMessage());
                }
            }
            // Counted once its truth is recorded, so whoever sees the count also finds the rows.
            hooks.serviceEvents().incrementAndGet();
        }
    }

    boolean drain(long timeoutMs) throws InterruptedException {
        return broker.drain(timeoutMs);
    }

    int inFlight() {
        return broker.inFlight();
    }

    void stop() {
        broker.stop();
    }

    IMqttToken beginDisconnect() {
        return broker.beginDisconnect();
    }

    void awaitDisconnected(IMqttToken disconnecting) {
        broker.awaitDisconnected(disconnecting);
    }

    String clientId() {
        return broker.clientId();
    }
}
