package io.forewarn.simulator;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.publish.FleetPublisher;
import io.forewarn.simulator.publish.SimClock;
import io.forewarn.simulator.scenario.Scenario;
import io.forewarn.simulator.truth.GroundTruthLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Command line entry: simulates a fleet and publishes its telemetry to an MQTT broker until stopped. */
public final class SimulateCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: simulate [options]      (flags override FOREWARN_* environment variables)
              --devices N          simulated products                         (FOREWARN_SIM_DEVICES, default 50)
              --seed S             same seed, same fleet and stream           (FOREWARN_SIM_SEED, default 42)
              --speed X            sim seconds per wall second; 1 = real time (FOREWARN_SIM_SPEED_UP, default 3600)
              --degrading K        devices that develop a fault               (FOREWARN_SIM_DEGRADING, default 6)
              --fault-kinds LIST   gradual,intermittent,sudden in turn        (FOREWARN_SIM_FAULT_KINDS, default gradual)
              --start INSTANT      sim start, e.g. 2026-11-25T00:00:00Z       (FOREWARN_SIM_START, default this hour)
              --catch-up D         start D before now, replay that at --speed, then run in real time, so no
                                   reading lies ahead of the wall clock (a job's future-skew check accepts them)
              --sim-span D         stop after this much sim time, e.g. 7d     (FOREWARN_SIM_SPAN, default unbounded)
              --duration D         stop after this much wall time, e.g. 10m   (default: until Ctrl-C)
              --broker URI         MQTT broker                                (FOREWARN_MQTT_URI, default tcp://localhost:1883)
              --qos 0|1            MQTT QoS                                   (FOREWARN_SIM_QOS, default 1)
              --connections N      MQTT connections                           (FOREWARN_SIM_CONNECTIONS, default 4)
              --connection-per-device  one MQTT connection per device (at most 2000; to test the broker's sessions)
              --rate N             at most N messages per second in all      (FOREWARN_SIM_RATE, default no cap)
              --listen-for-service apply repairs/services from devices/+/service (FOREWARN_SIM_LISTEN_FOR_SERVICE)
              --scenario FILE      fleet composition and faults from a JSON file (instead of --degrading, --fault-kinds)
              --truth FILE         write the ground truth CSV to FILE (service visits are appended as they happen)
              --help               this text
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Supplier<ProductCatalog> catalog;

    public SimulateCommand() {
        this(System.out, System.err, System.getenv(), ProductCatalog::load);
    }

    public SimulateCommand(PrintStream out, PrintStream err, Map<String, String> env, Supplier<ProductCatalog> catalog) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.catalog = catalog;
    }

    public static void main(String[] args) {
        System.exit(new SimulateCommand().run(args));
    }

    /** What the flags asked for. */
    record Options(FleetConfig config, Path truthFile, Duration duration, boolean help, Path scenarioFile, boolean catchUp) {
        Options(FleetConfig config, Path truthFile, Duration duration, boolean help, Path scenarioFile) {
            this(config, truthFile, duration, help, scenarioFile, false);
        }

        Options(FleetConfig config, Path truthFile, Duration duration, boolean help) {
            this(config, truthFile, duration, help, null);
        }
    }

    /** Runs until the wall duration, the sim span or Ctrl-C ends it; returns the process exit code. */
    public int run(String[] args) {
        Options options;
        try {
            options = parse(args, FleetConfig.fromEnv(env));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (options.help()) {
            out.print(USAGE_TEXT);
            return OK;
        }
        Fleet fleet;
        try {
            ProductCatalog products = catalog.get();
            if (options.scenarioFile() == null) {
                fleet = Fleet.create(products, options.config());
            } else {
                Scenario scenario = Scenario.read(options.scenarioFile(), products);
                FleetConfig config = options.config().withDegradingDevices(Math.min(scenario.degradingDevices(), options.config().devices()));
                fleet = Fleet.create(products, config, scenario);
            }
        } catch (IllegalArgumentException | ProductCatalog.CatalogException e) {
            // Bad input (a scenario file, a catalog entry): nothing has been started or written yet.
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
        GroundTruthLog truth = null;
        if (options.truthFile() != null) {
            try {
                truth = GroundTruthLog.create(options.truthFile(), fleet.groundTruth());
            } catch (RuntimeException e) {
                err.println("error: " + e.getMessage());
                return FAILED;
            }
            out.println("ground truth: " + fleet.groundTruth().size() + " faulty devices -> " + options.truthFile());
        }
        if (options.config().connections() > FleetPublisher.MANY_CONNECTIONS) {
            err.println("warning: " + options.config().connections() + " MQTT connections; each costs the client three to four threads");
        }
        FleetPublisher publisher = new FleetPublisher(fleet, stats -> out.println(stats.progressLine()));
        if (options.catchUp()) publisher.catchUpWithWallClock();
        if (truth != null) publisher.recordTruthTo(truth);
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            publisher.close();
        }, "forewarn-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            publisher.start();
            out.println("publishing " + fleet.devices().size() + " devices to " + options.config().serverUri()
                    + " from sim " + options.config().start() + " at " + options.config().speedUp() + "x");
            Instant deadline = options.duration() == null ? null : Instant.now().plus(options.duration());
            // Poll a few times a second: three things can end the run and none of them is urgent to the millisecond.
            while (!publisher.isFinished() && (deadline == null || Instant.now().isBefore(deadline))) {
                if (interrupted.await(250, TimeUnit.MILLISECONDS)) return OK;
            }
            return OK;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            publisher.close();
            if (truth != null) truth.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running.
            }
        }
    }

    /** Flags as {@code --name value} or {@code --name=value}, applied over {@code base}. */
    static Options parse(String[] args, FleetConfig base) {
        FleetConfig config = base;
        Integer devices = null;
        Integer degrading = null;
        Path truth = null;
        Duration duration = null;
        boolean connectionPerDevice = false;
        Path scenario = null;
        boolean faultFlags = false;
        Duration catchUp = null;
        boolean startFlag = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return new Options(config, truth, duration, true);
            }
            if (!flag.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + flag + "'");
            // Switches take no value.
            if (flag.equals("--connection-per-device") || flag.equals("--listen-for-service")) {
                if (value != null) throw new IllegalArgumentException(flag + " takes no value");
                if (flag.equals("--connection-per-device")) connectionPerDevice = true;
                else config = config.withListenForService(true);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                value = args[++i];
            }
            switch (flag) {
                case "--devices" -> devices = integer(flag, value);
                case "--degrading" -> {
                    degrading = integer(flag, value);
                    faultFlags = true;
                }
                case "--seed" -> config = config.withSeed(wholeNumber(flag, value));
                case "--speed" -> config = config.withSpeedUp(decimal(flag, value));
                case "--fault-kinds" -> {
                    config = config.withFaultKinds(FleetConfig.parseFaultKinds(value, flag));
                    faultFlags = true;
                }
                case "--scenario" -> scenario = Path.of(value);
                case "--start" -> {
                    config = config.withStart(instant(flag, value));
                    startFlag = true;
                }
                case "--catch-up" -> catchUp = duration(flag, value);
                case "--sim-span" -> config = config.withSimSpan(duration(flag, value));
                case "--duration" -> duration = duration(flag, value);
                case "--broker" -> config = config.withServerUri(value);
                case "--qos" -> config = config.withQos(qos(flag, value));
                case "--connections" -> config = config.withConnections(integer(flag, value));
                case "--rate" -> config = config.withMaxRate(positive(flag, decimal(flag, value)));
                case "--truth" -> truth = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (devices != null || degrading != null) {
            int n = devices == null ? config.devices() : devices;
            // "--devices 3" alone works: without an explicit count, degrade what the smaller fleet allows.
            int k = degrading == null ? Math.min(config.degradingDevices(), Math.max(n, 0)) : degrading;
            config = config.withDegradingDevices(0).withDevices(n).withDegradingDevices(k);
        }
        if (scenario != null && faultFlags) {
            throw new IllegalArgumentException("--scenario decides the faults; drop --degrading and --fault-kinds");
        }
        if (connectionPerDevice) {
            if (config.devices() > FleetConfig.MAX_CONNECTIONS) {
                throw new IllegalArgumentException("--connection-per-device: at most " + FleetConfig.MAX_CONNECTIONS
                        + " connections (each costs the MQTT client three to four threads), but --devices is " + config.devices()
                        + "; use --connections N to share connections");
            }
            config = config.withConnections(config.devices());
        }
        if (catchUp != null) {
            if (startFlag) throw new IllegalArgumentException("--catch-up decides the start; drop --start");
            config = config.withStart(SimClock.startBefore(Instant.now(), catchUp));
        }
        return new Options(config, truth, duration, false, scenario, catchUp != null);
    }

    private static double positive(String flag, double value) {
        if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException(flag + ": must be a positive number, got " + value);
        return value;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected a whole number, got '" + value + "'");
        }
    }

    private static long wholeNumber(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected a whole number, got '" + value + "'");
        }
    }

    private static double decimal(String flag, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected a number, got '" + value + "'");
        }
    }

    private static int qos(String flag, String value) {
        if (!value.equals("0") && !value.equals("1")) throw new IllegalArgumentException(flag + ": expected 0 or 1, got '" + value + "'");
        return Integer.parseInt(value);
    }

    private static Instant instant(String flag, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(flag + ": expected a UTC instant like 2026-11-25T00:00:00Z, got '" + value + "'");
        }
    }

    private static Duration duration(String flag, String value) {
        try {
            Duration d = FleetConfig.parseDuration(value);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("must be positive");
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
