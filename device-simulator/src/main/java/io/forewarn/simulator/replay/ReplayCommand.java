package io.forewarn.simulator.replay;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.publish.MqttSettings;
import io.forewarn.simulator.truth.GroundTruthCsv;
import io.forewarn.simulator.truth.TruthRow;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Command line entry: publishes a CSV of telemetry over MQTT in event-time order, like live devices would. */
public final class ReplayCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: replay FILE.csv [options]      (flags override FOREWARN_* environment variables)
              --timestamp-column C   column with each row's time (default timestamp); ISO-8601, or epoch seconds/millis
              --device-column C      column with the device id (default device_id)
              --model M              catalog product model of every row, e.g. PUMP-CEN-15KW
              --model-column C       column with each row's catalog product model (instead of --model)
              --map COLUMN=SENSOR    publish COLUMN as catalog sensor SENSOR; repeat (default: columns named like sensors)
              --config FILE          JSON mapping: timestampColumn, deviceColumn, model, modelColumn, map; flags win
              --speed X|max          data seconds per wall second, or max   (FOREWARN_REPLAY_SPEED, default 3600)
              --broker URI           MQTT broker                 (FOREWARN_MQTT_URI, default tcp://localhost:1883)
              --qos 0|1              MQTT QoS                            (FOREWARN_REPLAY_QOS, default 1)
              --connections N        MQTT connections, 1 to 64           (FOREWARN_REPLAY_CONNECTIONS, default 1)
              --rate N               at most N messages per second       (default: no cap)
              --events FILE          the dataset's failures and maintenance (device_id,time,type[,failure_mode][,ticket_id])
              --truth FILE           write the events as a ground-truth CSV (with --events)
              --skip-bad-rows        skip and count malformed rows (default: stop at the first, before publishing)
              --help                 this text
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Supplier<ProductCatalog> catalog;

    public ReplayCommand() {
        this(System.out, System.err, System.getenv(), ProductCatalog::load);
    }

    public ReplayCommand(PrintStream out, PrintStream err, Map<String, String> env, Supplier<ProductCatalog> catalog) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.catalog = catalog;
    }

    public static void main(String[] args) {
        System.exit(new ReplayCommand().run(args));
    }

    /** Checks the whole file, then replays it; returns the process exit code. */
    public int run(String[] args) {
        ReplayConfig config;
        try {
            config = parse(args, ReplayConfig.fromEnv(env));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (config == null) {
            out.print(USAGE_TEXT);
            return OK;
        }
        ProductCatalog products;
        try {
            products = catalog.get();
        } catch (ProductCatalog.CatalogException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
        // Everything is checked before the first publish: header, mapping, every row, the events file.
        ReplayPlan plan;
        List<TruthRow> truth = null;
        try {
            if (!Files.isReadable(config.file())) throw new IllegalArgumentException(config.file() + ": no such file or not readable");
            out.println("checking " + config.file() + " ...");
            plan = ReplayPlan.scan(config.file(), config.mapping(), products, config.skipBadRows(),
                    lines -> out.printf(Locale.ROOT, "  %,d lines checked%n", lines));
            if (config.eventsFile() != null) {
                if (!Files.isReadable(config.eventsFile())) throw new IllegalArgumentException(config.eventsFile() + ": no such file or not readable");
                truth = EventsCsv.read(config.eventsFile(), plan.devices());
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        describe(plan);
        if (truth != null) {
            try {
                GroundTruthCsv.write(config.truthFile(), truth);
            } catch (RuntimeException e) {
                err.println("error: " + e.getMessage());
                return FAILED;
            }
            out.println("ground truth: " + truth.size() + " events from " + config.eventsFile() + " -> " + config.truthFile());
        }
        return replay(plan, config);
    }

    private void describe(ReplayPlan plan) {
        String models = plan.devices().values().stream().map(m -> m.id()).distinct().sorted().collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "%s: %,d rows of %,d devices (%s) from %s to %s, %s%n", plan.file(), plan.rows(), plan.devices().size(), models,
                plan.firstTime(), plan.lastTime(), plan.inTimeOrder() ? "in time order"
                        : String.format(Locale.ROOT, "not in time order: %,d time-ordered stretches merged", plan.runs().size()));
        out.println("  sensors: " + plan.csv().sensorColumns().stream()
                .map(c -> c.column().equals(c.sensor()) ? c.sensor() : c.column() + " -> " + c.sensor())
                .collect(Collectors.joining(", ")) + "; timestamps: " + plan.format().description());
        if (plan.gaps() > 0) out.printf(Locale.ROOT, "  %,d rows without any sensor value are not published%n", plan.gaps());
        if (plan.badRows() > 0) {
            out.printf(Locale.ROOT, "  %,d malformed rows skipped, e.g.:%n", plan.badRows());
            plan.firstBadRows().forEach(m -> out.println("    " + m));
        }
    }

    private int replay(ReplayPlan plan, ReplayConfig config) {
        Replayer replayer = new Replayer(plan, config, stats -> out.println(stats.progressLine()));
        Thread hook = new Thread(replayer::close, "forewarn-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            replayer.connect();
            out.println("publishing to " + config.mqtt().serverUri() + " at " + (Double.isInfinite(config.speedUp()) ? "max speed" : config.speedUp() + "x"));
            long started = System.nanoTime();
            ReplayStats last = replayer.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "replayed %,d of %,d rows in %.1f s (%,.0f msg/s)%n", last.rowsSent(), last.rowsTotal(), seconds,
                    seconds > 0 ? last.messagesPublished() / seconds : 0);
            return last.rowsSent() == last.rowsTotal() && last.publishFailures() == 0 ? OK : FAILED;
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            replayer.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running.
            }
        }
    }

    /** Flags as {@code --name value} or {@code --name=value}, applied over {@code base}; null for --help. */
    static ReplayConfig parse(String[] args, ReplayConfig base) {
        ReplayConfig config = base;
        Path file = null;
        Path mappingFile = null;
        Path events = null;
        Path truth = null;
        String timestampColumn = null;
        String deviceColumn = null;
        String model = null;
        String modelColumn = null;
        Map<String, String> map = new LinkedHashMap<>();
        MqttSettings mqtt = base.mqtt();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (flag.equals("--help") || flag.equals("-h")) return null;
            if (!flag.startsWith("--")) {
                if (file != null) throw new IllegalArgumentException("unexpected argument '" + flag + "' (the file is " + file + ")");
                file = Path.of(flag);
                continue;
            }
            if (flag.equals("--skip-bad-rows")) {
                if (value != null) throw new IllegalArgumentException(flag + " takes no value");
                config = config.withSkipBadRows(true);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                value = args[++i];
            }
            String v = value;
            switch (flag) {
                case "--timestamp-column" -> timestampColumn = value;
                case "--device-column" -> deviceColumn = value;
                case "--model" -> model = value;
                case "--model-column" -> modelColumn = value;
                case "--map" -> {
                    int at = value.indexOf('=');
                    if (at <= 0 || at == value.length() - 1) throw new IllegalArgumentException("--map: expected COLUMN=SENSOR, got '" + value + "'");
                    String column = value.substring(0, at).trim();
                    if (map.put(column, value.substring(at + 1).trim()) != null) throw new IllegalArgumentException("--map: column '" + column + "' mapped twice");
                }
                case "--config" -> mappingFile = Path.of(value);
                case "--speed" -> config = config.withSpeedUp(withFlag(flag, () -> ReplayConfig.parseSpeed(v)));
                case "--broker" -> mqtt = new MqttSettings(value, mqtt.qos(), mqtt.username(), mqtt.password());
                case "--qos" -> {
                    if (!value.equals("0") && !value.equals("1")) throw new IllegalArgumentException(flag + ": expected 0 or 1, got '" + value + "'");
                    mqtt = new MqttSettings(mqtt.serverUri(), Integer.parseInt(value), mqtt.username(), mqtt.password());
                }
                case "--connections" -> config = config.withConnections(withFlag(flag, () -> Integer.parseInt(v.trim())));
                case "--rate" -> {
                    double rate = withFlag(flag, () -> Double.parseDouble(v.trim()));
                    if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException(flag + ": must be a positive number, got '" + value + "'");
                    config = config.withMaxRate(rate);
                }
                case "--events" -> events = Path.of(value);
                case "--truth" -> truth = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (file == null) throw new IllegalArgumentException("name the CSV file to replay");
        if (model != null && modelColumn != null) throw new IllegalArgumentException("give either --model or --model-column, not both");
        ColumnMapping mapping = mappingFile == null ? ColumnMapping.empty() : ColumnMapping.read(mappingFile);
        mapping = mapping.overriddenBy(new ColumnMapping(timestampColumn, deviceColumn, model, modelColumn, map));
        return config.withFile(file).withMapping(mapping).withMqtt(mqtt).withEvents(events, truth);
    }

    private static <T> T withFlag(String flag, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected a number, got " + e.getMessage().replace("For input string: ", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
