package io.forewarn.launcher.bench;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.JobConfig;
import io.forewarn.jobs.PredictiveMaintenanceJob;
import io.forewarn.jobs.sinks.TelemetrySink;
import io.forewarn.jobs.sinks.TelemetryTable;
import io.forewarn.jobs.sinks.TimeSeriesSettings;
import io.forewarn.launcher.embedded.EmbeddedTimeSeriesStore;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.questdb.client.Sender;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Points per second through the telemetry sink into QuestDB, beside QuestDB's own line-protocol client writing the
 * same points, in one run. The readings come from the simulator's fleet and are generated before anything is timed.
 *
 * <p>The sink runs as the job runs it: a local Flink job of the job's parallelism with checkpoints, its settings from
 * {@link JobConfig#fromEnv} (so {@code FOREWARN_INFLUX_BATCH_SIZE} and the others apply), fed by a source that hands
 * out the pre-generated readings (in the order {@link #byDevicePerSplit} explains), configured as the job is
 * ({@link PredictiveMaintenanceJob#configure}: object reuse, so Flink hands each record to the chained sink without
 * copying it). QuestDB's client ({@link Sender} over HTTP, its default auto-flush, one thread) writes the same points
 * into a second table of the same shape ({@link TelemetryTable#ensure(Connection, String)}), once with its default
 * protocol (floats in binary) and once with text line protocol, the format the InfluxDB v2 API takes and so the sink
 * sends.
 *
 * <p>Each rate runs from the first point handed to the writer to the moment QuestDB shows the last one (every row
 * applied), so it includes the store's work; the CPU figure is the whole process's (writer, Flink and QuestDB) per
 * point, which other load on the machine disturbs less than the rate, and of it the share of QuestDB's own threads.
 * After an untimed warm-up of each writer, every writer runs {@code rounds} times, alternating, each into emptied
 * tables; the best round counts.
 */
public final class SinkWriteBenchmark {
    /** The target: the sink at 0.8 of the native client's rate or better. */
    public static final double TARGET_RATIO = 0.8;
    private static final String NATIVE_TABLE = "telemetry_native";
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    /** The writers compared, in the order each round runs them. */
    public enum Writer {
        NATIVE("QuestDB Sender, HTTP, default protocol (binary floats)"),
        NATIVE_TEXT("QuestDB Sender, HTTP, protocol_version=1 (text)"),
        SINK("TelemetrySink, Flink job as configured");

        final String label;

        Writer(String label) {
            this.label = label;
        }

        boolean isSink() {
            return this == SINK;
        }
    }

    /** How many readings, from how many simulated devices, the job's parallelism for the sink, and the measured rounds. */
    public record Options(int readings, int devices, int parallelism, int rounds) {
        public Options {
            if (readings < 1_000 || devices < 1 || parallelism < 1 || rounds < 1) {
                throw new IllegalArgumentException("at least 1,000 readings, one device, a parallelism of 1 and one round");
            }
        }

        /** A million readings from 1,000 devices, the job's default parallelism, best of two rounds. */
        public static Options defaults() {
            return new Options(1_000_000, 1_000, JobConfig.fromEnv(Map.of()).parallelism(), 2);
        }

        public Options withReadings(int readings) {
            return new Options(readings, devices, parallelism, rounds);
        }
    }

    /** Points per second, and the CPU the whole process (writer, Flink, QuestDB) spent per point, in microseconds. */
    public record Rate(double pointsPerSecond, double cpuMicrosPerPoint, double storeCpuMicrosPerPoint) {}

    /** CPU time so far of the whole process and of the embedded QuestDB's own threads (named after its worker pools). */
    private record Cpu(long processNanos, long storeNanos) {
        private static final Pattern STORE_THREAD = Pattern.compile("(shared-(network|write|query)|wal-apply|view-compiler)_\\d+");

        static Cpu now() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long store = 0;
            for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (thread != null && STORE_THREAD.matcher(thread.getThreadName()).matches()) {
                    store += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
                }
            }
            return new Cpu(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(),
                    store);
        }
    }

    /** Every writer's best round. */
    public record Result(long points, Map<Writer, Rate> rates, int batchSize, int parallelism) {
        /** The sink as the job runs it over QuestDB's client with its defaults: the ratio. */
        public double ratio() {
            return ratio(Writer.SINK);
        }

        public double ratio(Writer sink) {
            return rates.get(sink).pointsPerSecond() / rates.get(Writer.NATIVE).pointsPerSecond();
        }
    }

    private final Options options;
    private final Progress progress;

    private SinkWriteBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = new Progress(progress);
    }

    /** Runs the comparison, printing progress and then the figures to {@code out}. */
    public static Result run(Options options, PrintStream out) throws Exception {
        Result result = new SinkWriteBenchmark(options, out).measure();
        out.printf(Locale.ROOT, "%nTelemetry writes: %,d points of %,d simulated devices into an embedded QuestDB, best of %d rounds;%n"
                + "sink: parallelism %d, batch %,d:%n", result.points(), options.devices(), options.rounds(), result.parallelism(),
                result.batchSize());
        out.printf(Locale.ROOT, "  %-56s %10s %13s %13s %7s%n", "writer", "points/s", "CPU us/point", "of it QuestDB", "ratio");
        for (Writer writer : Writer.values()) {
            Rate rate = result.rates().get(writer);
            out.printf(Locale.ROOT, "  %-56s %,10.0f %13.1f %13.1f %7.2f%n", writer.label, rate.pointsPerSecond(),
                    rate.cpuMicrosPerPoint(), rate.storeCpuMicrosPerPoint(), result.ratio(writer));
        }
        out.printf(Locale.ROOT, "  the sink as configured at %.2f of QuestDB's client, target >= %.1f: %s%n", result.ratio(), TARGET_RATIO,
                result.ratio() >= TARGET_RATIO ? "met" : "NOT MET");
        return result;
    }

    private Result measure() throws Exception {
        progress.say(String.format(Locale.ROOT, "telemetry writes: generating %,d readings of %,d simulated devices",
                options.readings(), options.devices()));
        List<TelemetryMessage> readings = generate();
        int warmUp = Math.min(100_000, readings.size() / 5);
        try (ScratchDirectory root = ScratchDirectory.create("forewarn-bench-sink");
             EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.start(root.path(), 0, 0);
             PreGenerated<TelemetryMessage> warmUpReadings = PreGenerated.load("sink-warm-up", readings.subList(0, warmUp));
             PreGenerated<TelemetryMessage> measured = PreGenerated.load("sink-measured", readings);
             PreGenerated<TelemetryMessage> warmUpForSink = PreGenerated.load("sink-warm-up-by-device",
                     byDevicePerSplit(readings.subList(0, warmUp), options.parallelism()));
             PreGenerated<TelemetryMessage> measuredForSink = PreGenerated.load("sink-measured-by-device",
                     byDevicePerSplit(readings, options.parallelism()))) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("FOREWARN_INFLUX_URL", store.influxUrl());
            TimeSeriesSettings settings = JobConfig.fromEnv(env).timeSeries();

            progress.say(String.format(Locale.ROOT, "  warming up (not measured): %,d points per writer", warmUp));
            for (Writer writer : Writer.values()) {
                write(writer, store, writer.isSink() ? warmUpForSink : warmUpReadings, settings);
            }
            Map<Writer, Rate> best = new EnumMap<>(Writer.class);
            for (int round = 1; round <= options.rounds(); round++) {
                for (Writer writer : Writer.values()) {
                    progress.say("  round " + round + ": " + writer.label);
                    Rate rate = write(writer, store, writer.isSink() ? measuredForSink : measured, settings);
                    best.merge(writer, rate, (a, b) -> a.pointsPerSecond() >= b.pointsPerSecond() ? a : b);
                }
            }
            return new Result(readings.size(), best, settings.batchSize(), options.parallelism());
        }
    }

    /** Reading i is device (i mod devices)'s reading number (i div devices) + 1: time order across the fleet. */
    private List<TelemetryMessage> generate() {
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDegradingDevices(0)
                .withDevices(options.devices()).withStart(START));
        List<SimulatedDevice> devices = fleet.devices();
        List<TelemetryMessage> readings = new ArrayList<>(options.readings());
        for (int i = 0; i < options.readings(); i++) {
            readings.add(devices.get(i % devices.size()).message(i / devices.size() + 1L));
            if ((i + 1) % 50_000 == 0 || i + 1 == options.readings()) {
                progress.update("generated", i + 1, options.readings());
            }
        }
        progress.done("");
        return readings;
    }

    /**
     * The readings reordered for the sink's source, so that each of its parallel readers hands out every
     * {@code parallelism}-th reading in time order, as the job's writers receive them (keyed by device, every writer
     * has a share of the fleet, all moving forward in time together). The source splits its index range into
     * contiguous parts of equal length, one per reader (Flink's {@code NumberSequenceIterator}); in the readings' own
     * order, one writer would write the first half of the time range while the other wrote the second, and every write of the first would land behind rows the second had
     * committed: out-of-order merges that the job's writers do not cause and QuestDB's client, writing in order, does
     * not pay either.
     */
    static <T> List<T> byDevicePerSplit(List<T> readings, int parallelism) {
        int count = readings.size();
        List<T> reordered = new ArrayList<>(count);
        for (int split = 0; split < parallelism; split++) {
            for (int i = split; i < count; i += parallelism) {
                reordered.add(readings.get(i));
            }
        }
        return reordered;
    }

    /** One writer writes every reading into emptied tables. */
    private Rate write(Writer writer, EmbeddedTimeSeriesStore store, PreGenerated<TelemetryMessage> readings,
            TimeSeriesSettings settings) throws Exception {
        emptyTables(store);
        return switch (writer) {
            case NATIVE -> writeNative(store, readings, "");
            case NATIVE_TEXT -> writeNative(store, readings, "protocol_version=1;");
            case SINK -> writeThroughSink(store, readings, settings);
        };
    }

    /** The points through QuestDB's own client, one thread, its default auto-flush. */
    private Rate writeNative(EmbeddedTimeSeriesStore store, PreGenerated<TelemetryMessage> readings, String config) throws Exception {
        long started = System.nanoTime();
        Cpu cpuAtStart = Cpu.now();
        try (Sender sender = Sender.fromConfig("http::addr=" + store.influxUrl().substring("http://".length()) + ";" + config)) {
            for (int i = 0; i < readings.size(); i++) {
                TelemetryMessage reading = readings.get(i);
                sender.table(NATIVE_TABLE).symbol("device_id", reading.deviceId());
                if (reading.mode() != null) {
                    sender.symbol("mode", reading.mode());
                }
                sender.symbol("product_model", reading.productModel());
                for (Map.Entry<String, TelemetryMessage.Metric> metric : reading.metrics().entrySet()) {
                    sender.doubleColumn(metric.getKey(), metric.getValue().value());
                }
                sender.at(reading.eventTime().toEpochMilli(), ChronoUnit.MILLIS);
                if ((i + 1) % 50_000 == 0) {
                    progress.update("sent", i + 1, readings.size());
                }
            }
        }
        return awaitStored(store, NATIVE_TABLE, readings.size(), started, cpuAtStart);
    }

    /** The points through the sink in a local Flink job, as the job runs it; see the class comment. */
    private Rate writeThroughSink(EmbeddedTimeSeriesStore store, PreGenerated<TelemetryMessage> readings,
            TimeSeriesSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), new Configuration());
        env.enableCheckpointing(JobConfig.fromEnv(Map.of()).checkpointInterval().toMillis());
        PredictiveMaintenanceJob.configure(env);
        env.fromSource(readings.source(TelemetryMessage.class), WatermarkStrategy.noWatermarks(), "pre-generated-readings")
                .sinkTo(new TelemetrySink(settings)).name("telemetry-to-time-series");
        readings.rewind();
        JobClient job = env.executeAsync("bench-telemetry-sink");
        boolean finished = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (readings.firstEmittedNanos() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sink's job emitted nothing within 60 s");
                }
                Thread.sleep(5);
            }
            Rate rate = awaitStored(store, TelemetryTable.NAME, readings.size(), readings.firstEmittedNanos(), Cpu.now());
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            finished = true;
            return rate;
        } finally {
            if (!finished) {
                job.cancel();
            }
        }
    }

    /** Waits until the table shows every point (QuestDB applies writes asynchronously); the rate from {@code startedNanos}. */
    private Rate awaitStored(EmbeddedTimeSeriesStore store, String table, long points, long startedNanos, Cpu cpuAtStart)
            throws Exception {
        try (Connection c = connect(store); Statement st = c.createStatement()) {
            long stored = 0;
            long lastChange = System.nanoTime();
            while (stored < points) {
                long now = count(st, table);
                if (now != stored) {
                    stored = now;
                    lastChange = System.nanoTime();
                    progress.update("stored", stored, points);
                } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException(table + " stopped at " + stored + " of " + points + " points");
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            Cpu cpu = Cpu.now();
            Rate rate = new Rate(points / seconds, (cpu.processNanos() - cpuAtStart.processNanos()) / 1e3 / points,
                    (cpu.storeNanos() - cpuAtStart.storeNanos()) / 1e3 / points);
            progress.done(String.format(Locale.ROOT, "%,.0f points/s (%.1f s), %.1f us CPU per point (QuestDB %.1f)",
                    rate.pointsPerSecond(), seconds, rate.cpuMicrosPerPoint(), rate.storeCpuMicrosPerPoint()));
            return rate;
        }
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count() FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Drops what an earlier round wrote and creates both tables, deduplicated as the telemetry table is. */
    private static void emptyTables(EmbeddedTimeSeriesStore store) throws SQLException {
        try (Connection c = connect(store); Statement st = c.createStatement()) {
            for (String table : List.of(TelemetryTable.NAME, NATIVE_TABLE)) {
                st.execute("DROP TABLE IF EXISTS " + table);
                TelemetryTable.ensure(c, table);
            }
        }
    }

    private static Connection connect(EmbeddedTimeSeriesStore store) throws SQLException {
        return DriverManager.getConnection(store.jdbcUrl(), EmbeddedTimeSeriesStore.USER, EmbeddedTimeSeriesStore.PASSWORD);
    }
}
