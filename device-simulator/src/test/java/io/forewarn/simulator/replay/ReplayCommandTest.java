package io.forewarn.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.contracts.telemetry.TelemetryMessage.Metric;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.simulator.testing.EmbeddedBroker;
import io.forewarn.simulator.testing.TestClient;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.GroundTruthCsv;
import io.forewarn.simulator.truth.MaintenanceRecord;
import java.io.ByteArrayOutputStream;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} end to end: a CSV in, telemetry out of a real HiveMQ broker, read back by a subscriber. */
class ReplayCommandTest {
    static final Instant T0 = Instant.parse("2015-01-01T06:00:00Z");

    @TempDir static Path brokerDir;
    static EmbeddedBroker broker;

    @TempDir Path dir;
    TestClient subscriber;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void subscribe() throws Exception {
        subscriber = new TestClient(broker.uri(), "devices/+/telemetry");
    }

    @AfterEach
    void unsubscribe() throws Exception {
        subscriber.close();
    }

    private int replay(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--broker", broker.uri()));
        return new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), ProductCatalog::builtIn).run(all.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** Rows of machines m1..m3, hourly, in the style of a public dataset: its own column names, a space in the time. */
    private static String dataset(int hours) {
        StringBuilder csv = new StringBuilder("datetime,machineID,volt,vibration,pressure\n");
        for (int h = 0; h < hours; h++) {
            for (int m = 1; m <= 3; m++) {
                String time = T0.plus(Duration.ofHours(h)).toString().replace('T', ' ').replace("Z", "");
                csv.append(time).append(",m").append(m).append(',').append(170 + h + m / 10.0).append(',')
                        .append(h % 5 == 0 && m == 2 ? "" : String.valueOf(40.25 + h)).append(',').append(100 + m).append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void replayPublishesEveryRowInEventTimeOrderWithItsValuesUnitsAndPerDeviceSequence() throws Exception {
        Path data = write("telemetry.csv", dataset(10));
        int code = replay(data.toString(), "--timestamp-column", "datetime", "--device-column", "machineID", "--model", "PUMP-CEN-15KW",
                "--map", "vibration=vibration_rms", "--map", "pressure=discharge_pressure", "--speed", "max");
        assertThat(code).as(err()).isEqualTo(ReplayCommand.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= 30);
        List<TelemetryMessage> got = subscriber.telemetry();
        assertThat(got).hasSize(30);
        // One connection: the subscriber sees the file's order, which is event-time order.
        assertThat(got).extracting(TelemetryMessage::eventTime).isSortedAccordingTo(Comparator.naturalOrder());
        for (int h = 0; h < 10; h++) {
            for (int m = 1; m <= 3; m++) {
                TelemetryMessage msg = got.get(h * 3 + m - 1);
                assertThat(msg.deviceId()).isEqualTo("m" + m);
                assertThat(msg.productModel()).isEqualTo("PUMP-CEN-15KW");
                assertThat(msg.eventTime()).isEqualTo(T0.plus(Duration.ofHours(h)));
                assertThat(msg.seq()).as("per-device sequence").isEqualTo(h + 1);
                assertThat(msg.metrics().get("discharge_pressure")).isEqualTo(new Metric(100 + m, "bar"));
                if (h % 5 == 0 && m == 2) {
                    assertThat(msg.metrics()).as("an empty cell is a sensor not measured").doesNotContainKey("vibration_rms");
                } else {
                    assertThat(msg.metrics().get("vibration_rms")).isEqualTo(new Metric(40.25 + h, "mm/s"));
                }
                assertThat(msg.metrics()).as("unmapped columns are not published").hasSize(msg.metrics().containsKey("vibration_rms") ? 2 : 1);
            }
        }
        assertThat(out()).contains("30 rows of 3 devices (PUMP-CEN-15KW) from 2015-01-01T06:00:00Z to 2015-01-01T15:00:00Z, in time order")
                .contains("sensors: vibration -> vibration_rms, pressure -> discharge_pressure")
                .containsPattern("replay 2015-01-01T15:00Z \\| 3 devices \\| 30 msgs \\| [0-9,]+ msg/s \\| 100.0% of 30 rows")
                .contains("replayed 30 of 30 rows");
    }

    @Test
    void aFileConcatenatedPerDeviceIsMergedIntoEventTimeOrder() throws Exception {
        // Each device's rows together (epoch milliseconds), as many datasets ship them.
        StringBuilder csv = new StringBuilder("timestamp,device_id,vibration_rms\n");
        for (int d = 1; d <= 4; d++) {
            for (int i = 0; i < 25; i++) csv.append(T0.plusSeconds(60L * i + d).toEpochMilli()).append(",pump-").append(d).append(',').append(d + i / 100.0).append('\n');
        }
        Path data = write("per-device.csv", csv.toString());
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--speed", "max", "--connections", "1")).as(err()).isEqualTo(ReplayCommand.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= 100);
        List<TelemetryMessage> got = subscriber.telemetry();
        assertThat(got).extracting(TelemetryMessage::eventTime).isSortedAccordingTo(Comparator.naturalOrder());
        Map<String, List<TelemetryMessage>> byDevice = got.stream().collect(Collectors.groupingBy(TelemetryMessage::deviceId));
        assertThat(byDevice).hasSize(4).allSatisfy((device, readings) -> {
            assertThat(readings).extracting(TelemetryMessage::seq).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
            int d = Integer.parseInt(device.substring("pump-".length()));
            for (int i = 0; i < 25; i++) assertThat(readings.get(i).metrics().get("vibration_rms").value()).isEqualTo(d + i / 100.0);
        });
        assertThat(out()).contains("not in time order: 4 time-ordered stretches merged");
    }

    @Test
    void theSpeedUpPacesRowsByTheirEventTime() throws Exception {
        // 40 data seconds at 20x: about 2 wall seconds, never less than the data's span allows.
        StringBuilder csv = new StringBuilder("timestamp,device_id,vibration_rms\n");
        for (int i = 0; i <= 4; i++) csv.append(T0.plusSeconds(10L * i)).append(",p1,").append(i).append('\n');
        Path data = write("paced.csv", csv.toString());
        long started = System.nanoTime();
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--speed", "20")).as(err()).isEqualTo(ReplayCommand.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1_950));
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= 5);
    }

    @Test
    void aMalformedRowStopsTheReplayBeforeAnythingIsPublished() throws Exception {
        Path data = write("bad.csv", "timestamp,device_id,vibration_rms\n2026-01-01T00:00:00Z,p1,1\n2026-01-01T00:05:00Z,p1,n/a\n");
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--speed", "max")).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains("error: " + data + ":3: field 'vibration_rms': expected a number, got 'n/a' (use --skip-bad-rows");
        assertThat(out()).as("never connected").doesNotContain("publishing to");
    }

    @Test
    void skippingBadRowsPublishesTheOthersAndReportsTheCount() throws Exception {
        Path data = write("bad.csv", "timestamp,device_id,vibration_rms\n2026-01-01T00:00:00Z,p1,1\n2026-01-01T00:05:00Z,p1,n/a\n2026-01-01T00:10:00Z,p1,3\n");
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--speed", "max", "--skip-bad-rows")).as(err()).isEqualTo(ReplayCommand.OK);
        assertThat(out()).contains("1 malformed rows skipped").contains(data + ":3: field 'vibration_rms'");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= 2);
        assertThat(subscriber.telemetry()).extracting(m -> m.metrics().get("vibration_rms").value()).containsExactly(1.0, 3.0);
        assertThat(subscriber.telemetry()).extracting(TelemetryMessage::seq).containsExactly(1L, 2L);
    }

    @Test
    void flagProblemsAreUsageErrorsNamingTheFlag() throws Exception {
        Path data = write("ok.csv", "timestamp,device_id,vibration_rms\n2026-01-01T00:00:00Z,p1,1\n");
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--speed", "fast")).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains("--speed: expected a positive number of data seconds per wall second, or max; got 'fast'").contains("usage: replay");
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--map", "vibration_rms")).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains("--map: expected COLUMN=SENSOR, got 'vibration_rms'");
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--events", "e.csv")).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains("--events and --truth go together");
        assertThat(replay(dir.resolve("missing.csv").toString(), "--model", "PUMP-CEN-15KW")).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains("missing.csv: no such file or not readable");
        assertThat(replay(data.toString(), "--model", "PUMP-CEN-15KW", "--map", "vibration_rms=vibration")).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains("--map vibration_rms=vibration: PUMP-CEN-15KW has no sensor 'vibration'");
    }

    @Test
    void theEventsFileBecomesGroundTruthAndBadEventsAreNamed() throws Exception {
        Path data = write("data.csv", dataset(3));
        Path events = write("events.csv", """
                device_id,time,type,failure_mode
                m2,2015-01-01 09:00:00,FAILURE,comp2
                m1,2015-01-01 07:00:00,maintenance,comp1
                m2,2015-01-01 10:00:00,repair,comp2
                """);
        Path truth = dir.resolve("out/truth.csv");
        int code = replay(data.toString(), "--timestamp-column", "datetime", "--device-column", "machineID", "--model", "PUMP-CEN-15KW",
                "--map", "vibration=vibration_rms", "--speed", "max", "--events", events.toString(), "--truth", truth.toString());
        assertThat(code).as(err()).isEqualTo(ReplayCommand.OK);
        assertThat(GroundTruthCsv.readAll(truth)).containsExactly(
                new MaintenanceRecord("m1", "PUMP-CEN-15KW", MaintenanceType.PREVENTIVE_SERVICE, Instant.parse("2015-01-01T07:00:00Z"), "comp1", null),
                new GroundTruth("m2", "PUMP-CEN-15KW", "comp2", null, null, Instant.parse("2015-01-01T09:00:00Z")),
                new MaintenanceRecord("m2", "PUMP-CEN-15KW", MaintenanceType.REPAIR, Instant.parse("2015-01-01T10:00:00Z"), "comp2", null));
        assertThat(out()).contains("ground truth: 3 events");

        Path badEvents = write("bad-events.csv", "device_id,time,type\nm1,2015-01-01 07:00:00,FAILURE\nm9,2015-01-01 08:00:00,FAILURE\n");
        assertThat(replay(data.toString(), "--timestamp-column", "datetime", "--device-column", "machineID", "--model", "PUMP-CEN-15KW",
                "--map", "vibration=vibration_rms", "--events", badEvents.toString(), "--truth", truth.toString())).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains(badEvents + ":3: field 'device_id': device 'm9' does not appear in the replayed telemetry");
        Path badType = write("bad-type.csv", "device_id,time,type\nm1,2015-01-01 07:00:00,EXPLOSION\n");
        assertThat(replay(data.toString(), "--timestamp-column", "datetime", "--device-column", "machineID", "--model", "PUMP-CEN-15KW",
                "--map", "vibration=vibration_rms", "--events", badType.toString(), "--truth", truth.toString())).isEqualTo(ReplayCommand.USAGE);
        assertThat(err()).contains(badType + ":2: field 'type': expected FAILURE, REPAIR, PREVENTIVE_SERVICE or MAINTENANCE, got 'EXPLOSION'");
    }

    @Test
    void aMappingFileGivesTheColumnsAndFlagsOverrideIt() throws Exception {
        Path data = write("data.csv", dataset(2));
        Path mapping = write("mapping.json", """
                {"timestampColumn": "datetime", "deviceColumn": "machineID", "model": "AC-INV-12K",
                 "map": {"vibration": "vibration_rms"}}
                """);
        assertThat(replay(data.toString(), "--config", mapping.toString(), "--model", "PUMP-CEN-15KW", "--speed", "max")).as(err()).isEqualTo(ReplayCommand.OK);
        // 6 rows, one of them without a vibration value (a gap, not published).
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received.size() >= 5);
        assertThat(out()).contains("1 rows without any sensor value are not published");
        assertThat(subscriber.telemetry()).allSatisfy(m -> assertThat(m.productModel()).isEqualTo("PUMP-CEN-15KW"));
    }

    @Test
    void anUnreachableBrokerFailsWithItsAddressAfterTheChecks() throws Exception {
        Path data = write("ok.csv", "timestamp,device_id,vibration_rms\n2026-01-01T00:00:00Z,p1,1\n");
        String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
        int code = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("FOREWARN_MQTT_URI", nowhere), ProductCatalog::builtIn).run(new String[] {data.toString(), "--model", "PUMP-CEN-15KW"});
        assertThat(code).isEqualTo(ReplayCommand.FAILED);
        assertThat(err()).contains("cannot connect to MQTT broker " + nowhere);
    }
}
