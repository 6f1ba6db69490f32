package io.forewarn.jobs.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.baseline.BaselineScore;
import io.forewarn.jobs.baseline.BaselineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Only readings in a monitored mode (or naming none) become features; the others neither count nor drag the means. */
class DeviceFeaturesTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final ProductModel WASHER = CATALOG.require("WM-FL-9KG");
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    /** A washer reading: spinning at the healthy middle, or standing still. */
    static TelemetryMessage reading(long seq, String mode) {
        boolean still = "off".equals(mode);
        return new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, "wm-1", WASHER.id(), START.plusSeconds(300 * seq), seq, mode, Map.of(
                "drum_vibration", new TelemetryMessage.Metric(still ? 0 : 0.5, "g"),
                "motor_current", new TelemetryMessage.Metric(still ? 0 : 2.5, "A"),
                "spin_speed", new TelemetryMessage.Metric(still ? 0 : 1200, "rpm")));
    }

    @Test
    void readingsInANonMonitoredModeAreNeitherScoredNorSmoothedIn() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, TelemetryMessage, FeatureVector> harness = harness()) {
            harness.open();
            long seq = 1;
            for (int i = 0; i < RollingFeatures.WARM_UP; i++) harness.processElement(reading(seq++, "spin"), seq);
            for (int i = 0; i < 50; i++) harness.processElement(reading(seq++, "off"), seq);
            for (int i = 0; i < 3; i++) harness.processElement(reading(seq++, "wash"), seq);
            harness.processElement(reading(seq++, "spin"), seq);

            List<FeatureVector> out = harness.extractOutputValues();
            assertThat(out).hasSize(2).extracting(FeatureVector::seq).containsExactly(6L, 60L);
            // The standing drum did not pull the smoothed spin speed towards zero.
            int speed = FeatureLayout.of(WASHER).indexOf("spin_speed");
            assertThat(out.get(1).smoothed()[speed]).isEqualTo(1200.0);
        }
    }

    @Test
    void readingsThatNameNoModeCountAsMonitored() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, TelemetryMessage, FeatureVector> harness = harness()) {
            harness.open();
            for (long seq = 1; seq <= 8; seq++) harness.processElement(reading(seq, null), seq);

            assertThat(harness.extractOutputValues()).hasSize(8 - RollingFeatures.WARM_UP + 1);
        }
    }

    @Test
    void trainingReplaysTheSameChoiceAsTheJob() {
        List<TelemetryMessage> readings = new ArrayList<>();
        for (long seq = 1; seq <= 40; seq++) readings.add(reading(seq, seq % 4 == 0 ? "spin" : "off"));

        List<FeatureVector> vectors = RollingFeatures.replay(FeatureLayout.of(WASHER), readings);

        assertThat(vectors).hasSize(10 - RollingFeatures.WARM_UP + 1).allSatisfy(v -> assertThat(v.seq() % 4).isZero());
    }

    @Test
    void aDeviceReportingOnlyInANonMonitoredModeIsStillNotSilent() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, TelemetryMessage, FeatureVector> harness = harness()) {
            harness.open();
            long seq = 1;
            for (int i = 0; i < RollingFeatures.WARM_UP; i++) harness.processElement(reading(seq++, "spin"), 0);
            // Off for longer than the silence limit, reading all the while: the features are kept.
            Duration forget = Duration.ofHours(6);
            long offReadings = forget.multipliedBy(2).toSeconds() / 300;
            for (int i = 0; i < offReadings; i++) {
                TelemetryMessage off = reading(seq++, "off");
                harness.processElement(off, off.eventTime().toEpochMilli());
                harness.processWatermark(off.eventTime().toEpochMilli());
            }
            harness.processElement(reading(seq, "spin"), reading(seq, "spin").eventTime().toEpochMilli());

            assertThat(harness.extractOutputValues()).last().extracting(FeatureVector::seq).isEqualTo(seq);
            assertThat(harness.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void eachDeviceIsScoredAgainstItsOwnBaselineWithTheSensorThatDroveTheScore() throws Exception {
        BaselineSettings settings = new BaselineSettings(20, 0, 3, 4, 0.25);
        try (KeyedOneInputStreamOperatorTestHarness<String, TelemetryMessage, FeatureVector> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceFeatures(CATALOG, Duration.ofHours(6), settings)), TelemetryMessage::deviceId, Types.STRING)) {
            harness.open();
            // Two healthy washers, one spinning at 1,000 rpm and one at 1,400.
            for (long seq = 1; seq <= 40; seq++) {
                harness.processElement(spinning("wm-slow", seq, 1000 + seq % 5), seq);
                harness.processElement(spinning("wm-fast", seq, 1400 + seq % 5), seq);
            }
            harness.processElement(spinning("wm-slow", 41, 1400), 41);
            harness.processElement(spinning("wm-fast", 41, 1400), 41);

            List<FeatureVector> out = harness.extractOutputValues();
            assertThat(out.subList(0, out.size() - 2)).allSatisfy(v -> assertThat(v.baseline().alarm()).isFalse());
            BaselineScore slow = out.get(out.size() - 2).baseline();
            assertThat(slow.alarm()).as("1,400 rpm is new to the slow washer").isTrue();
            assertThat(slow.sensor()).isEqualTo("spin_speed");
            assertThat(slow.usualHigh()).isEqualTo(1004.0);
            assertThat(out.get(out.size() - 1).baseline().alarm()).as("and ordinary for the fast one").isFalse();
        }
    }

    static TelemetryMessage spinning(String device, long seq, double rpm) {
        return new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, device, WASHER.id(), START.plusSeconds(300 * seq), seq, "spin", Map.of(
                "drum_vibration", new TelemetryMessage.Metric(0.5, "g"),
                "motor_current", new TelemetryMessage.Metric(2.5, "A"),
                "spin_speed", new TelemetryMessage.Metric(rpm, "rpm")));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TelemetryMessage, FeatureVector> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceFeatures(CATALOG, Duration.ofHours(6))), TelemetryMessage::deviceId, Types.STRING);
    }
}
