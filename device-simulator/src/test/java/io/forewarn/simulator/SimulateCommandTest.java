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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new SimulateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, ProductCatalog::builtIn).run(args);
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
        assertThat(run(Map.of(), "--scenario", scenario.toString(), "--devices", "8")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains(scenario + ":2: field 'faults[0].failureMode': 'leak' is not a failure mode of AC-INV-12K");
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
