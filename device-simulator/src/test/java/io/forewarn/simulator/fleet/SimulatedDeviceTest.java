package io.forewarn.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedDeviceTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    private static Fleet healthyFleet(int devices, long seed) {
        return Fleet.create(CATALOG, FleetConfig.defaults().withStart(START).withSeed(seed).withDegradingDevices(0).withDevices(devices));
    }

    @Test
    void seqIncrementsByOneAndEventTimeAdvancesBySampleIntervalFromFleetStart() {
        for (SimulatedDevice device : healthyFleet(8, 42).devices()) {
            List<TelemetryMessage> stream = device.messages(50);
            Duration interval = Duration.ofSeconds(device.model().sampleIntervalSeconds());
            for (int i = 0; i < stream.size(); i++) {
                TelemetryMessage m = stream.get(i);
                assertThat(m.seq()).isEqualTo(i + 1);
                assertThat(m.eventTime()).isEqualTo(START.plus(interval.multipliedBy(i)));
                assertThat(m.schemaVersion()).isEqualTo(TelemetryMessage.SCHEMA_VERSION);
                assertThat(device.model().operatingMode(m.mode())).as("mode %s of %s", m.mode(), device.model().id()).isPresent();
                assertThat(m.deviceId()).isEqualTo(device.deviceId());
                assertThat(m.productModel()).isEqualTo(device.model().id());
            }
        }
    }

    @Test
    void everyReadingCarriesEverySensorOfTheCatalogModelWithItsUnit() {
        for (SimulatedDevice device : healthyFleet(4, 42).devices()) {
            TelemetryMessage m = device.message(17);
            assertThat(m.metrics().keySet()).containsExactlyElementsOf(device.model().sensors().stream().map(SensorSpec::name).toList());
            for (SensorSpec s : device.model().sensors()) {
                assertThat(m.metrics().get(s.name()).unit()).isEqualTo(s.unit());
            }
        }
    }

    @Test
    void healthyDevicesStayWithinTheirNormalRangesInTheirMonitoredMode() {
        Map<String, int[]> inRangeAndTotal = new HashMap<>();
        for (SimulatedDevice device : healthyFleet(40, 7).devices()) {
            int week = (int) (Duration.ofDays(7).getSeconds() / device.model().sampleIntervalSeconds());
            for (TelemetryMessage m : device.messages(week)) {
                if (!device.model().isMonitored(m.mode())) continue; // a stopped compressor draws no current: not a fault
                for (SensorSpec s : device.model().sensors()) {
                    double v = m.metrics().get(s.name()).value();
                    int[] counts = inRangeAndTotal.computeIfAbsent(device.model().id() + "/" + s.name(), k -> new int[2]);
                    if (v >= s.normalMin() && v <= s.normalMax()) counts[0]++;
                    counts[1]++;
                }
            }
        }
        assertThat(inRangeAndTotal).hasSize(CATALOG.models().stream().mapToInt(m -> m.sensors().size()).sum());
        inRangeAndTotal.forEach((sensor, counts) -> {
            assertThat(counts[1]).as(sensor + " monitored readings in a week of 10 devices").isGreaterThan(300);
            assertThat((double) counts[0] / counts[1]).as(sensor + " share of readings in the normal range").isGreaterThanOrEqualTo(0.99);
        });
    }

    @Test
    void noTwoDevicesShareAnOperatingPoint() {
        Set<String> operatingPoints = new HashSet<>();
        List<SimulatedDevice> devices = healthyFleet(40, 42).devices();
        for (SimulatedDevice d : devices) {
            String sensor = d.model().sensors().get(0).name();
            operatingPoints.add(d.model().id() + "/" + d.baseline(sensor));
            SensorSpec spec = d.model().sensors().get(0);
            assertThat(Math.abs(d.baseline(sensor) - spec.normalMid())).isLessThanOrEqualTo(SimulatedDevice.MAX_OFFSET * spec.normalHalfWidth());
        }
        assertThat(operatingPoints).hasSize(devices.size());
    }

    @Test
    void lastSeqAtCountsTheReadingsMeasuredByThatInstant() {
        SimulatedDevice device = healthyFleet(1, 42).devices().get(0);
        long interval = device.model().sampleIntervalSeconds();
        assertThat(device.lastSeqAt(START.minusSeconds(1))).isZero();
        assertThat(device.lastSeqAt(START)).isEqualTo(1);
        assertThat(device.lastSeqAt(START.plusSeconds(interval - 1))).isEqualTo(1);
        assertThat(device.lastSeqAt(START.plusSeconds(interval))).isEqualTo(2);
        assertThat(device.eventTimeOf(device.lastSeqAt(START.plusSeconds(3600)))).isEqualTo(START.plusSeconds(3600));
    }

    @Test
    void readingZeroIsRejected() {
        SimulatedDevice device = healthyFleet(1, 42).devices().get(0);
        assertThatThrownBy(() -> device.message(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq starts at 1");
    }
}
