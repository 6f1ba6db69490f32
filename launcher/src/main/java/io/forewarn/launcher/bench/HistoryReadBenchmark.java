package io.forewarn.launcher.bench;

import io.forewarn.alerts.timeseries.DeviceHistory;
import io.forewarn.alerts.timeseries.QuestDbTimeSeriesReader;
import io.forewarn.alerts.timeseries.Resolution;
import io.forewarn.alerts.timeseries.TimeRange;
import io.forewarn.alerts.timeseries.TimeSeriesReadConfig;
import io.forewarn.alerts.timeseries.TimeSeriesReader;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.launcher.embedded.EmbeddedTimeSeriesStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How fast a planner's chart gets its data: one device-week at one-minute resolution through {@link
 * io.forewarn.alerts.timeseries.TimeSeriesReader}, with a fleet of 10,000 devices stored. Loads a fleet (devices spread
 * over the catalog's product models, one reading per catalog sample interval, values around each sensor's normal
 * range) into an embedded QuestDB through the InfluxDB v2 write API, the path the job writes on, after the schema
 * step the launcher runs at start (day partitions, retention, device index, hourly view); then, after a warm-up,
 * times reads of random devices and prints p50/p95/p99 beside the target (p99 under 100 ms).
 */
public final class HistoryReadBenchmark {
    /** The target for the 99th percentile. */
    public static final Duration TARGET_P99 = Duration.ofMillis(100);

    private HistoryReadBenchmark() {}

    /** What to store and how much to read. */
    public record Options(int devices, Duration span, int warmUpReads, int reads, long seed) {
        public Options {
            if (devices < 1 || reads < 1 || warmUpReads < 0 || span.isNegative() || span.isZero()) {
                throw new IllegalArgumentException("devices and reads must be positive and the span longer than zero");
            }
        }

        /** 10,000 devices over one week, 100 warm-up reads, 500 timed reads. */
        public static Options defaults() {
            return new Options(10_000, Duration.ofDays(7), 100, 500, 42);
        }
    }

    static final String USAGE = """
            usage: ./forewarn bench storage-read [--devices N] [--days N] [--reads N]
              --devices N   devices stored (default 10000)
              --days N      days of readings per device, one per catalog sample interval (default 7)
              --reads N     timed reads of one device over the whole span at one-minute resolution (default 500)
            """;

    /** {@code ./forewarn bench storage-read}: the options from {@code args}. */
    public static int run(String[] args, PrintStream out) throws Exception {
        Options defaults = Options.defaults();
        int devices = defaults.devices();
        int reads = defaults.reads();
        Duration span = defaults.span();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                out.print(USAGE);
                return 0;
            }
            if (i + 1 >= args.length) {
                System.err.print("missing value for " + flag + "\n" + USAGE);
                return 2;
            }
            int value = Integer.parseInt(args[++i]);
            switch (flag) {
                case "--devices" -> devices = value;
                case "--days" -> span = Duration.ofDays(value);
                case "--reads" -> reads = value;
                default -> {
                    System.err.print("unknown option: " + flag + "\n" + USAGE);
                    return 2;
                }
            }
        }
        run(out, new Options(devices, span, defaults.warmUpReads(), reads, defaults.seed()));
        return 0;
    }

    public static void run(PrintStream out, Options options) throws Exception {
        ProductCatalog catalog = ProductCatalog.load();
        Path root = Files.createTempDirectory("forewarn-bench-storage-read");
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.start(root, 0, 0);
             QuestDbTimeSeriesReader reader = new QuestDbTimeSeriesReader(TimeSeriesReadConfig.questDb(store.jdbcUrl()))) {
            reader.ensureSchema(catalog);
            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
            TimeRange week = new TimeRange(end.minus(options.span()), end);
            Progress progress = new Progress(out);
            progress.say("storage read benchmark: " + options.devices() + " devices x " + options.span().toDays()
                    + " days into an embedded QuestDB (" + root + "), reading " + week);
            long rows = load(store, catalog, options, week, progress);
            awaitStored(store, rows, progress);

            // As the API reads: the sensors of the device's product model. Then every stored sensor, for comparison.
            List<ProductModel> models = models(catalog);
            measure(out, progress, reader, options, week, rows, "the device's sensors",
                    device -> models.get(device % models.size()).sensors().stream().map(SensorSpec::name).collect(Collectors.toSet()));
            measure(out, progress, reader, options, week, rows, "every stored sensor", device -> Set.of());
        } finally {
            deleteTree(root);
        }
    }

    /** Warm-up reads, then timed reads of random devices; prints the percentiles beside the target. */
    private static void measure(PrintStream out, Progress progress, TimeSeriesReader reader, Options options, TimeRange week,
                                long rows, String what, IntFunction<Set<String>> sensorsOf) {
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int i = 0; i < options.warmUpReads(); i++) {
            int device = random.nextInt(options.devices());
            reader.deviceHistory(deviceId(device), sensorsOf.apply(device), week, Resolution.ONE_MINUTE);
            progress.update("warm-up", i + 1, options.warmUpReads());
        }
        progress.done("");
        long[] nanos = new long[options.reads()];
        long buckets = 0;
        for (int i = 0; i < options.reads(); i++) {
            int device = random.nextInt(options.devices());
            Set<String> sensors = sensorsOf.apply(device);
            long started = System.nanoTime();
            DeviceHistory history = reader.deviceHistory(deviceId(device), sensors, week, Resolution.ONE_MINUTE);
            nanos[i] = System.nanoTime() - started;
            buckets += history.buckets().size();
            progress.update("reads", i + 1, options.reads());
        }
        progress.done(String.format("%,d buckets per read on average", buckets / options.reads()));
        if (buckets == 0) {
            throw new IllegalStateException("the reads found no data: the benchmark measured nothing");
        }
        Arrays.sort(nanos);
        out.printf("one device-week at one-minute resolution, %s (%,d stored readings, %,d timed reads of random devices):%n",
                what, rows, options.reads());
        out.printf("  p50 %s   p95 %s   p99 %s   max %s   target p99 < %d ms: %s%n",
                millis(percentile(nanos, 50)), millis(percentile(nanos, 95)), millis(percentile(nanos, 99)),
                millis(nanos[nanos.length - 1]), TARGET_P99.toMillis(),
                percentile(nanos, 99) < TARGET_P99.toNanos() ? "met" : "NOT MET");
    }

    /** The catalog's product models in a fixed order; device i is of model i mod their number. */
    private static List<ProductModel> models(ProductCatalog catalog) {
        return catalog.models().stream().sorted(Comparator.comparing(ProductModel::id)).toList();
    }

    /** Writes every device's readings in time order, one line-protocol batch at a time. @return rows written */
    private static long load(EmbeddedTimeSeriesStore store, ProductCatalog catalog, Options options, TimeRange week,
                             Progress progress) {
        List<ProductModel> models = models(catalog);
        long stepMillis = models.get(0).sampleIntervalSeconds() * 1000L;
        long steps = week.length().toMillis() / stepMillis;
        long total = steps * options.devices();
        long started = System.nanoTime();
        NormalReadings readings = new NormalReadings(store.influxUrl(), options.seed(), progress, "load", total);
        try (readings) {
            for (long step = 0; step < steps; step++) {
                long time = week.from().toEpochMilli() + step * stepMillis;
                for (int device = 0; device < options.devices(); device++) {
                    readings.add(deviceId(device), models.get(device % models.size()), time);
                }
            }
        }
        long written = readings.written();
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.update("load", written, total);
        progress.done(String.format("in %.1f s (%,.0f readings/s through the InfluxDB v2 write API)", seconds, written / seconds));
        return written;
    }

    // QuestDB applies writes asynchronously (WAL); the reads start once every row is visible.
    static void awaitStored(EmbeddedTimeSeriesStore store, long rows, Progress progress) throws SQLException, InterruptedException {
        Properties login = new Properties();
        login.setProperty("user", "admin");
        login.setProperty("password", "quest");
        login.setProperty("sslmode", "disable");
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(store.jdbcUrl(), login); Statement st = c.createStatement()) {
            while (true) {
                try (ResultSet rs = st.executeQuery("SELECT count() FROM telemetry")) {
                    rs.next();
                    long stored = rs.getLong(1);
                    progress.update("apply", stored, rows);
                    if (stored >= rows) {
                        break;
                    }
                }
                Thread.sleep(500);
            }
        }
        progress.done(String.format("visible after %.1f s more", (System.nanoTime() - started) / 1e9));
    }

    static String deviceId(int index) {
        return String.format("bench-%05d", index);
    }

    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static String millis(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
