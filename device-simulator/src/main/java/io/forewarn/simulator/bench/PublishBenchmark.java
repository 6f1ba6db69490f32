package io.forewarn.simulator.bench;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.publish.FleetPublisher;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How many messages per second the simulator publishes on this machine, so it is never what limits the ingest
 * benchmark. After one unrecorded run to warm up the JVM, for each fleet size and QoS it runs a fleet whose every
 * reading is already due (a huge speed-up), lets it warm up, then counts acknowledged publishes over a measured
 * window; nothing subscribes, so the broker only receives. It also reports the heap each device costs
 * and the CPU a large fleet uses at real time once its backlog is out (the ticking cost).
 *
 * <p>The broker is the caller's ({@code --broker}); {@code ./forewarn bench simulator} runs it against an embedded
 * HiveMQ CE with a raised receive maximum, as the demo does.
 */
public final class PublishBenchmark {
    static final String USAGE = """
            usage: bench simulator [options]      (PublishBenchmark)
              --broker URI        the broker; ./forewarn bench simulator starts an embedded HiveMQ when omitted
              --devices LIST      fleet sizes, comma-separated        (default 1000,100000)
              --qos LIST          QoS levels, comma-separated         (default 0,1)
              --connections N     MQTT connections                    (default 4)
              --warmup D          before measuring, e.g. 3s           (default 3s)
              --measure D         measured window, e.g. 10s           (default 10s)
            """;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** Sim seconds per wall second: every reading of a run is due from the first tick. */
    private static final double FLAT_OUT = 1e9;

    private final PrintStream out;

    public PublishBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new PublishBenchmark(System.out).run(args));
    }

    /** One measured configuration. */
    public record Result(int devices, int qos, int connections, double messagesPerSecond, double heapBytesPerDevice) {}

    /** Parses the flags, runs every combination and prints a table; returns the exit code. */
    public int run(String[] args) {
        String broker = null;
        List<Integer> devices = List.of(1_000, 100_000);
        List<Integer> qos = List.of(0, 1);
        int connections = FleetConfig.DEFAULT_CONNECTIONS;
        Duration warmup = Duration.ofSeconds(3);
        Duration measure = Duration.ofSeconds(10);
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--broker" -> broker = value;
                    case "--devices" -> devices = integers(value);
                    case "--qos" -> qos = integers(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--warmup" -> warmup = FleetConfig.parseDuration(value);
                    case "--measure" -> measure = FleetConfig.parseDuration(value);
                    default -> throw new IllegalArgumentException("unknown flag " + args[i - 1]);
                }
            }
            if (broker == null) throw new IllegalArgumentException("--broker is required");
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        out.printf(Locale.ROOT, "simulator publish benchmark: %s, %d connections, %d s warm-up + %d s measured per row, %d cores, Java %s%n",
                broker, connections, warmup.toSeconds(), measure.toSeconds(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        // One unrecorded run first, so the first row does not pay for the JIT compiling the publishing path.
        measure(broker, devices.get(0), qos.get(0), connections, warmup, Duration.ofSeconds(1));
        out.println("devices    qos   msg/s      heap/device");
        List<Result> results = new ArrayList<>();
        for (int n : devices) {
            for (int q : qos) {
                Result r = measure(broker, n, q, connections, warmup, measure);
                results.add(r);
                out.printf(Locale.ROOT, "%,-10d %-5d %,-10.0f %,.0f B%n", r.devices(), r.qos(), r.messagesPerSecond(), r.heapBytesPerDevice());
            }
        }
        int largest = devices.stream().mapToInt(Integer::intValue).max().orElse(0);
        double cpu = idleCpuAtRealTime(broker, largest, connections);
        out.printf(Locale.ROOT, "%,d devices at real time, backlog sent: %.1f ms CPU per wall second (the cost of ticking)%n", largest, cpu);
        return 0;
    }

    /** Publishes flat out for warm-up + measure and returns the acknowledged rate over the measured window. */
    public static Result measure(String broker, int devices, int qos, int connections, Duration warmup, Duration measure) {
        FleetConfig config = FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(devices).withSpeedUp(FLAT_OUT)
                .withQos(qos).withConnections(connections).withServerUri(broker).withClientIdPrefix("forewarn-bench");
        long heapBefore = usedHeap();
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), config);
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            double heapPerDevice = Math.max(0, usedHeap() - heapBefore) / (double) devices;
            sleep(warmup);
            long from = publisher.stats().messagesPublished();
            long t0 = System.nanoTime();
            sleep(measure);
            long to = publisher.stats().messagesPublished();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(devices, qos, connections, (to - from) / seconds, heapPerDevice);
        }
    }

    /** CPU milliseconds per wall second the publisher uses once a real-time fleet has sent its first readings. */
    static double idleCpuAtRealTime(String broker, int devices, int connections) {
        FleetConfig config = FleetConfig.defaults().withStart(Instant.now()).withDegradingDevices(0).withDevices(devices).withSpeedUp(1)
                .withQos(0).withConnections(connections).withServerUri(broker).withClientIdPrefix("forewarn-bench-idle");
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), config);
        try (FleetPublisher publisher = new FleetPublisher(fleet, s -> { }).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (publisher.stats().messagesPublished() < devices && System.nanoTime() < deadline) sleep(Duration.ofMillis(100));
            sleep(Duration.ofSeconds(1));
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            sleep(Duration.ofSeconds(5));
            return (processCpuNanos() - cpu0) / 1e6 / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    // A benchmark measures wall time; it has nothing to wait for but the clock.
    private static void sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        long left;
        while ((left = until - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }

    private static List<Integer> integers(String list) {
        List<Integer> values = new ArrayList<>();
        for (String part : list.split(",")) values.add(Integer.parseInt(part.trim()));
        return values;
    }
}
