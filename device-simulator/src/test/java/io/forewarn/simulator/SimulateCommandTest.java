package io.forewarn.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.simulator.testing.EmbeddedBroker;
import io.forewarn.simulator.testing.TestClient;
import io.forewarn.simulator.truth.GroundTruthCsv;
import io.forewarn.simulator.truth.MaintenanceRecord;
import io.forewarn.simulator.truth.TruthRow;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return runWith(env, ProductCatalog::builtIn, args);
    }

    private int runWith(Map<String, String> env, Supplier<ProductCatalog> catalog, String... args) {
        return new SimulateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, catalog).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownFlagIsAUsageErrorWithTheUsageText() {
        assertThat(run(Map.of(), "--devcies", "5")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("error: unknown flag --devcies").contains("usage: simulate");
    }

    @Test
    void badValuesNameTheFlagAndWhatWasExpected() {
        assertThat(run(Map.of(), "--qos", "2")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--qos: expected 0 or 1, got '2'");
        assertThat(run(Map.of(), "--devices", "many")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--devices: expected a whole number, got 'many'");
        assertThat(run(Map.of(), "--duration", "soon")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--duration: expected a duration like 90s");
        assertThat(run(Map.of(), "--degrading", "9", "--devices", "4")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("degradingDevices must be between 0 and devices (4), got 9");
        assertThat(run(Map.of(), "--broker", "localhost:1883")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("serverUri must look like tcp://host:port");
        assertThat(run(Map.of(), "--seed")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--seed needs a value");
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertThat(run(Map.of("FOREWARN_SIM_SPEED_UP", "fast"))).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("FOREWARN_SIM_SPEED_UP: expected a number, got 'fast'");
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run(Map.of(), "--help")).isEqualTo(SimulateCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--devices N").contains("--truth FILE");
    }

    @Test
    void flagsOverrideTheEnvironment() {
        FleetConfig base = FleetConfig.fromEnv(Map.of("FOREWARN_SIM_DEVICES", "20", "FOREWARN_SIM_SEED", "9", "FOREWARN_MQTT_URI", "tcp://env:1883"));
        SimulateCommand.Options options = SimulateCommand.parse(new String[] {"--seed", "5", "--speed=60", "--duration", "10m", "--broker", "tcp://flag:1883"}, base);
        assertThat(options.config().devices()).isEqualTo(20);
        assertThat(options.config().seed()).isEqualTo(5);
        assertThat(options.config().speedUp()).isEqualTo(60);
        assertThat(options.config().serverUri()).isEqualTo("tcp://flag:1883");
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(10));
        // A small fleet without an explicit count degrades what it can.
        assertThat(SimulateCommand.parse(new String[] {"--devices", "3"}, FleetConfig.fromEnv(Map.of())).config().degradingDevices()).isEqualTo(3);
    }

    @Test
    void scaleFlagsSetConnectionsRateAndServiceListening() {
        FleetConfig base = FleetConfig.fromEnv(Map.of());
        SimulateCommand.Options options = SimulateCommand.parse(new String[] {"--devices", "300", "--connection-per-device", "--rate", "5000",
                "--listen-for-service"}, base);
        assertThat(options.config().connections()).isEqualTo(300);
        assertThat(options.config().maxRate()).isEqualTo(5000);
        assertThat(options.config().listenForService()).isTrue();
        assertThat(run(Map.of(), "--devices", "5000", "--connection-per-device")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--connection-per-device: at most 2000 connections").contains("--devices is 5000; use --connections N");
        assertThat(run(Map.of(), "--rate", "0")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--rate: must be a positive number");
        assertThat(run(Map.of(), "--listen-for-service=yes")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--listen-for-service takes no value");
    }

    @Test
    void aRepairPublishedWhileRunningIsAppendedToTheGroundTruthFile() throws Exception {
        Path truth = dir.resolve("truth.csv");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            FleetConfig config = FleetConfig.fromEnv(Map.of()).withStart(Instant.parse("2026-11-25T00:00:00Z")).withDegradingDevices(1).withDevices(4);
            String device = Fleet.create(ProductCatalog.builtIn(), config).groundTruth().get(0).deviceId();
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> run(Map.of(),
                    "--devices", "4", "--degrading", "1", "--start", "2026-11-25T00:00:00Z", "--speed", "36000", "--sim-span", "1d",
                    "--listen-for-service", "--broker", broker.uri(), "--truth", truth.toString(), "--duration", "1m"));
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8).contains("publishing 4 devices"));
            try (TestClient service = new TestClient(broker.uri(), null)) {
                service.publish("devices/" + device + "/service", "{\"type\":\"REPAIR\",\"ticketId\":\"T-5\"}");
            }
            assertThat(running.get(60, TimeUnit.SECONDS)).as(err()).isEqualTo(SimulateCommand.OK);
        }
        List<TruthRow> rows = GroundTruthCsv.readAll(truth);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).isInstanceOfSatisfying(MaintenanceRecord.class, r -> {
            assertThat(r.type()).isEqualTo(MaintenanceType.REPAIR);
            assertThat(r.ticketId()).isEqualTo("T-5");
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| service events 1");
    }

    @Test
    void aScenarioFileReplacesTheFaultFlagsAndABadOneIsNamed() throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, "{\n  \"faults\": [{\"model\": \"AC-INV-12K\", \"failureMode\": \"leak\", \"failure\": \"4d\"}]\n}");
        assertThat(run(Map.of(), "--scenario", scenario.toString(), "--degrading", "2")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--scenario decides the faults; drop --degrading and --fault-kinds");
        Path truth = dir.resolve("truth.csv");
        String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
        assertThat(run(Map.of(), "--scenario", scenario.toString(), "--devices", "8", "--truth", truth.toString(), "--broker", nowhere))
                .isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains(scenario + ":2: field 'faults[0].failureMode': 'leak' is not a failure mode of AC-INV-12K")
                .as("never tried the broker").doesNotContain("cannot connect");
        assertThat(truth).as("no ground truth written").doesNotExist();
    }

    @Test
    void aBadCatalogEntryIsNamedWithFileLineAndFieldAndNothingStarts() throws Exception {
        Path catalog = dir.resolve("catalog.json");
        String builtIn;
        try (InputStream in = ProductCatalog.class.getClassLoader().getResourceAsStream(ProductCatalog.BUILT_IN)) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The pump's flow sensor with a negative noise, on its own line of the (one sensor a line) built-in file.
        String flow = "{ \"name\": \"flow\",               \"unit\": \"m3/h\",";
        assertThat(builtIn).contains(flow);
        Files.writeString(catalog, builtIn.replace("\"noise\": 1.0,  \"dailyAmplitude\": 3.0 }", "\"noise\": -1.0,  \"dailyAmplitude\": 3.0 }"));
        List<String> lines = Files.readAllLines(catalog);
        int line = 1 + IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(flow)).findFirst().orElseThrow();
        Path truth = dir.resolve("truth.csv");
        String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
        assertThat(runWith(Map.of(), () -> ProductCatalog.fromFile(catalog), "--devices", "4", "--truth", truth.toString(), "--broker", nowhere))
                .isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains(catalog + ":" + line + ": productModels[PUMP-CEN-15KW].sensors[flow].noise: must not be negative")
                .doesNotContain("cannot connect");
        assertThat(truth).as("no ground truth written").doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("publishing");
    }

    @Test
    void theSameSeedPublishesTheSameStreamAndGroundTruthAgain() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            Run first = publishedRun(broker, "7", "first");
            Run again = publishedRun(broker, "7", "again");
            Run otherSeed = publishedRun(broker, "8", "other");
            assertThat(first.byDevice()).hasSize(8).allSatisfy((device, readings) -> assertThat(readings).hasSize(25));
            assertThat(again.byDevice()).isEqualTo(first.byDevice());
            assertThat(again.truth()).isEqualTo(first.truth()).contains("failure");
            assertThat(otherSeed.byDevice()).isNotEqualTo(first.byDevice());
            assertThat(otherSeed.truth()).isNotEqualTo(first.truth());
        }
    }

    /** Each device's readings as a subscriber received them (ordered by seq), and the ground-truth file. */
    private record Run(Map<String, List<TelemetryMessage>> byDevice, String truth) {}

    private Run publishedRun(EmbeddedBroker broker, String seed, String name) throws Exception {
        Path truth = dir.resolve(name + "-truth.csv");
        try (TestClient subscriber = new TestClient(broker.uri(), "devices/+/telemetry")) {
            int code = run(Map.of(), "--devices", "8", "--degrading", "2", "--fault-kinds", "gradual,intermittent", "--seed", seed,
                    "--speed", "72000", "--sim-span", "2h", "--start", "2026-11-25T00:00:00Z", "--connections", "3",
                    "--broker", broker.uri(), "--truth", truth.toString(), "--duration", "1m");
            assertThat(code).as(err()).isEqualTo(SimulateCommand.OK);
            await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.received.size() >= 200);
            Map<String, List<TelemetryMessage>> byDevice = new TreeMap<>();
            subscriber.telemetry().forEach(m -> byDevice.computeIfAbsent(m.deviceId(), d -> new ArrayList<>()).add(m));
            byDevice.values().forEach(readings -> readings.sort(Comparator.comparingLong(TelemetryMessage::seq)));
            return new Run(byDevice, Files.readString(truth));
        }
    }

    @Test
    void withCatchUpTheFleetStartsThatFarBackAndNoReadingIsAheadOfTheWallClock() throws Exception {
        SimulateCommand.Options options = SimulateCommand.parse(new String[] {"--catch-up", "2h"}, FleetConfig.fromEnv(Map.of()));
        assertThat(options.catchUp()).isTrue();
        assertThat(options.config().start()).isBetween(Instant.now().minus(Duration.ofMinutes(125)), Instant.now().minus(Duration.ofHours(2)));
        assertThat(run(Map.of(), "--catch-up", "2h", "--start", "2026-11-25T00:00:00Z")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--catch-up decides the start");

        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             TestClient subscriber = new TestClient(broker.uri(), "devices/+/telemetry")) {
            // Two hours back at 7,200x: about a second of replay, then real time, where nothing is due for minutes.
            int code = run(Map.of(), "--devices", "4", "--degrading", "0", "--catch-up", "2h", "--speed", "7200",
                    "--broker", broker.uri(), "--duration", "6s");
            Instant ended = Instant.now();
            assertThat(code).as(err()).isEqualTo(SimulateCommand.OK);
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= 4 * 24);
            assertThat(subscriber.telemetry()).allSatisfy(m -> assertThat(m.eventTime()).isBeforeOrEqualTo(ended));
            assertThat(subscriber.telemetry().stream().map(TelemetryMessage::eventTime).max(Comparator.naturalOrder()).orElseThrow())
                    .as("the replay reached the wall clock").isAfter(ended.minus(Duration.ofMinutes(10)));
        }
    }

    @Test
    void unreachableBrokerFailsWithTheBrokerAddress() throws Exception {
        String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
        assertThat(run(Map.of(), "--devices", "2", "--broker", nowhere)).isEqualTo(SimulateCommand.FAILED);
        assertThat(err()).contains("cannot connect").contains(nowhere);
    }

    @Test
    void terminationSignalClosesThePublisherCleanly() throws Exception {
        // Output goes to a file: Process.destroy() closes the pipes, which would lose what the shutdown hook prints.
        Path output = dir.resolve("simulate.out");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    SimulateCommand.class.getName(), "--devices", "4", "--broker", broker.uri())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).contains("publishing 4 devices"));
                process.destroy();  // SIGTERM: the shutdown hook must close the publisher
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            } finally {
                process.destroyForcibly();
            }
        }
        // Well within the first 5 s report interval, so this line is the one close() prints.
        assertThat(Files.readString(output)).containsPattern("sim \\S+ \\| 4 devices \\| [0-9,]+ msgs \\|");
    }

    @Test
    void boundedRunPublishesWritesTheGroundTruthAndReportsProgress() throws Exception {
        Path truth = dir.resolve("truth.csv");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            int code = run(Map.of(), "--devices", "8", "--degrading", "2", "--speed", "72000", "--sim-span", "2h",
                    "--start", "2026-11-25T00:00:00Z", "--broker", broker.uri(), "--truth", truth.toString(), "--duration", "1m");
            assertThat(code).as(err()).isEqualTo(SimulateCommand.OK);
        }
        assertThat(GroundTruthCsv.read(truth)).hasSize(2)
                .allSatisfy(t -> assertThat(t.failureAt()).isAfter(Instant.parse("2026-11-28T00:00:00Z").minusSeconds(1)));
        assertThat(Files.readString(truth)).startsWith(GroundTruthCsv.HEADER);
        // 8 devices × 25 readings (0..120 minutes, every 5 minutes).
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ground truth: 2 faulty devices")
                .contains("sim 2026-11-25T02:00Z | 8 devices | 200 msgs |");
    }
}
