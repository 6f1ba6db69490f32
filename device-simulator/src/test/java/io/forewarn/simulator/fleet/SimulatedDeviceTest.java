package io.forewarn.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void measurementNoiseHasTheCatalogsSpread() {
        // Consecutive monitored readings five minutes apart differ by two draws of noise (the daily swing moves by a
        // few hundredths of its amplitude in that time): the spread of the differences over √2 is the noise.
        Map<String, double[]> squaresAndCount = new HashMap<>();
        for (SimulatedDevice device : healthyFleet(40, 11).devices()) {
            int week = (int) (Duration.ofDays(7).getSeconds() / device.model().sampleIntervalSeconds());
            List<TelemetryMessage> stream = device.messages(week);
            for (int i = 1; i < stream.size(); i++) {
                TelemetryMessage previous = stream.get(i - 1);
                TelemetryMessage m = stream.get(i);
                if (!device.model().isMonitored(previous.mode()) || !device.model().isMonitored(m.mode())) continue;
                for (SensorSpec s : device.model().sensors()) {
                    double diff = m.metrics().get(s.name()).value() - previous.metrics().get(s.name()).value();
                    double[] acc = squaresAndCount.computeIfAbsent(device.model().id() + "/" + s.name(), k -> new double[2]);
                    acc[0] += diff * diff;
                    acc[1]++;
                }
            }
        }
        assertThat(squaresAndCount).hasSize(CATALOG.models().stream().mapToInt(m -> m.sensors().size()).sum());
        for (ProductModel model : CATALOG.models()) {
            for (SensorSpec s : model.sensors()) {
                double[] acc = squaresAndCount.get(model.id() + "/" + s.name());
                assertThat(acc[1]).as(s.name() + " pairs").isGreaterThan(200);
                double spread = Math.sqrt(acc[0] / acc[1] / 2);
                assertThat(spread).as("%s/%s noise (catalog %s %s)", model.id(), s.name(), s.noise(), s.unit())
                        .isBetween(0.85 * s.noise(), 1.15 * s.noise());
            }
        }
    }

    @Test
    void sensorsOutsideTheAmbientSwingOverTheDayByTheirDailyAmplitude() {
        // Fit value = c + a·sin(2π·timeOfDay) + b·cos(2π·timeOfDay) per device and sensor over four weeks of the
        // readings the usage cycle drives (monitored mode, or a sensor the mode does not set); the fitted amplitude
        // √(a² + b²) is the catalog's daily amplitude, whatever the device's phase.
        Map<String, List<Double>> ratios = new HashMap<>();
        for (SimulatedDevice device : healthyFleet(16, 5).devices()) {
            ProductModel model = device.model();
            List<String> ambient = model.operatingModes().stream().filter(OperatingMode::monitored).findFirst()
                    .map(OperatingMode::ambientSensors).orElse(List.of());
            int readings = (int) (Duration.ofDays(28).getSeconds() / model.sampleIntervalSeconds());
            List<TelemetryMessage> stream = device.messages(readings);
            for (SensorSpec s : model.sensors()) {
                if (ambient.contains(s.name())) continue;
                double[][] normal = new double[3][3];
                double[] rhs = new double[3];
                int n = 0;
                for (TelemetryMessage m : stream) {
                    Optional<OperatingMode> mode = model.operatingMode(m.mode());
                    if (mode.isPresent() && !mode.get().monitored() && mode.get().sensors().containsKey(s.name())) continue;
                    double angle = 2 * Math.PI * Math.floorMod(m.eventTime().getEpochSecond(), 86_400L) / 86_400.0;
                    double[] x = {1, Math.sin(angle), Math.cos(angle)};
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) normal[i][j] += x[i] * x[j];
                        rhs[i] += x[i] * m.metrics().get(s.name()).value();
                    }
                    n++;
                }
                if (n < 1_000) continue;  // a washing machine spins about 45 minutes a day: too few readings to fit a swing to
                double[] fit = solve(normal, rhs);
                ratios.computeIfAbsent(model.id() + "/" + s.name(), k -> new ArrayList<>()).add(Math.hypot(fit[1], fit[2]) / s.dailyAmplitude());
            }
        }
        assertThat(ratios.keySet()).as("sensors fitted").contains("AC-INV-12K/airflow", "AC-INV-12K/vibration_rms", "PUMP-CEN-15KW/motor_current",
                "PUMP-CEN-15KW/flow", "PUMP-CEN-15KW/pressure_ripple", "WH-ELEC-80L/tank_pressure", "WH-ELEC-80L/anode_current", "WM-FL-9KG/drain_time");
        ratios.forEach((sensor, perDevice) -> assertThat(perDevice).as(sensor + " fitted amplitude / daily amplitude")
                .allSatisfy(r -> assertThat(r).isBetween(0.75, 1.25)));
    }

    // Gaussian elimination of a 3×3 system (the normal equations of the fit above).
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            for (int row = col + 1; row < n; row++) {
                double f = a[row][col] / a[col][col];
                for (int k = col; k < n; k++) a[row][k] -= f * a[col][k];
                b[row] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) sum -= a[row][k] * x[k];
            x[row] = sum / a[row][row];
        }
        return x;
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
