package io.forewarn.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorInMode;
import io.forewarn.contracts.catalog.SensorShift;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.usage.ModeSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each operating mode moves the sensors the catalog says, the way physics says; faults show only where they can. */
class OperatingModesTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-07-06T00:00:00Z");
    static final Duration TWO_WEEKS = Duration.ofDays(14);

    /** Two weeks of readings of 8 healthy devices per product model. */
    static final Map<String, List<Reading>> READINGS = new HashMap<>();

    record Reading(SimulatedDevice device, TelemetryMessage message) {
        double value(String sensor) {
            return message.metrics().get(sensor).value();
        }
    }

    static List<Reading> readings(String model) {
        return READINGS.computeIfAbsent(model, id -> {
            List<Reading> out = new ArrayList<>();
            Fleet fleet = Fleet.create(CATALOG, FleetConfig.defaults().withStart(START).withSeed(11).withDegradingDevices(0).withDevices(32));
            for (SimulatedDevice d : fleet.devices()) {
                if (!d.model().id().equals(id)) continue;
                long last = d.lastSeqAt(START.plus(TWO_WEEKS));
                for (long seq = 1; seq <= last; seq++) out.add(new Reading(d, d.message(seq)));
            }
            return out;
        });
    }

    static double mean(String model, String mode, String sensor) {
        return readings(model).stream().filter(r -> mode.equals(r.message().mode()))
                .mapToDouble(r -> r.value(sensor)).average().orElseThrow(() -> new AssertionError("no reading of " + model + " in " + mode));
    }

    @Test
    void offMeansNoCurrentNoVibrationNoFlow() {
        assertThat(readings("AC-INV-12K")).filteredOn(r -> "off".equals(r.message().mode())).isNotEmpty().allSatisfy(r -> {
            assertThat(r.value("compressor_current")).isLessThan(0.1);
            assertThat(r.value("vibration_rms")).isLessThan(0.1);
            assertThat(r.value("airflow")).isZero();
        });
        assertThat(readings("PUMP-CEN-15KW")).filteredOn(r -> "off".equals(r.message().mode())).isNotEmpty().allSatisfy(r -> {
            assertThat(r.value("motor_current")).isLessThan(0.3);
            assertThat(r.value("flow")).isZero();
            assertThat(r.value("pressure_ripple")).isLessThan(0.01);
        });
        assertThat(readings("WM-FL-9KG")).filteredOn(r -> "off".equals(r.message().mode())).isNotEmpty().allSatisfy(r -> {
            assertThat(r.value("motor_current")).isLessThan(0.1);
            assertThat(r.value("spin_speed")).isZero();
        });
        assertThat(readings("WH-ELEC-80L")).filteredOn(r -> "standby".equals(r.message().mode())).isNotEmpty()
                .allSatisfy(r -> assertThat(r.value("heater_current")).isLessThan(0.1));
    }

    @Test
    void spinShakesTheDrumAndLoadsTheMotorMoreThanWashing() {
        assertThat(mean("WM-FL-9KG", "spin", "drum_vibration")).isGreaterThan(3 * mean("WM-FL-9KG", "wash", "drum_vibration"));
        assertThat(mean("WM-FL-9KG", "spin", "motor_current")).isGreaterThan(mean("WM-FL-9KG", "wash", "motor_current") + 0.5);
        assertThat(mean("WM-FL-9KG", "spin", "spin_speed")).isGreaterThan(1000);
        assertThat(mean("WM-FL-9KG", "wash", "spin_speed")).isLessThan(100);
    }

    @Test
    void defrostWarmsTheEvaporatorAndDropsTheCurrent() {
        assertThat(mean("AC-INV-12K", "defrost", "evaporator_temp")).isGreaterThan(mean("AC-INV-12K", "running", "evaporator_temp") + 3);
        assertThat(mean("AC-INV-12K", "defrost", "compressor_current")).isLessThan(mean("AC-INV-12K", "running", "compressor_current") - 2);
        // Fan only: the compressor rests, the fan still blows as when cooling.
        assertThat(mean("AC-INV-12K", "idle", "compressor_current")).isLessThan(0.1);
        assertThat(mean("AC-INV-12K", "idle", "airflow")).isCloseTo(mean("AC-INV-12K", "running", "airflow"), org.assertj.core.data.Offset.offset(15.0));
        // A water heater between reheats cools slowly towards its room.
        assertThat(mean("WH-ELEC-80L", "standby", "water_temp")).isLessThan(mean("WH-ELEC-80L", "heating", "water_temp"));
    }

    static Stream<Arguments> sensorsSetByAMode() {
        List<Arguments> cases = new ArrayList<>();
        for (ProductModel model : CATALOG.models()) {
            for (OperatingMode mode : model.operatingModes()) {
                mode.sensors().keySet().forEach(sensor -> cases.add(Arguments.of(model.id(), mode.id(), sensor)));
            }
        }
        return cases.stream();
    }

    /** The reading lies between the device's operating point and the mode's settled level, within noise. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("sensorsSetByAMode")
    void aSensorAModeSetsSettlesFromTheOperatingPointTowardsTheModesLevel(String modelId, String modeId, String sensor) {
        ProductModel model = CATALOG.require(modelId);
        SensorInMode set = model.operatingMode(modeId).orElseThrow().sensors().get(sensor);
        SensorSpec spec = model.sensor(sensor).orElseThrow();
        double noise = 5.5 * (set.noise() == null ? spec.noise() : set.noise()) + 1e-3;
        List<Reading> inMode = readings(modelId).stream().filter(r -> modeId.equals(r.message().mode())).toList();
        assertThat(inMode).as("readings of %s in %s", modelId, modeId).hasSizeGreaterThan(20);
        for (Reading r : inMode) {
            double target = Math.max(spec.physicalMin(), Math.min(spec.physicalMax(),
                    set.settledAt(r.device().ambient().at(r.message().eventTime().getEpochSecond()))));
            double from = r.device().baseline(sensor);
            assertThat(r.value(sensor)).as("%s at %s", sensor, r.message().eventTime())
                    .isBetween(Math.min(from, target) - noise, Math.max(from, target) + noise);
        }
    }

    @Test
    void anAirConditionerThatHasBeenOffAWhileReadsTheTemperatureAroundIt() {
        List<Reading> settled = readings("AC-INV-12K").stream().filter(r -> "off".equals(r.message().mode()))
                .filter(r -> Duration.ofSeconds(r.message().eventTime().getEpochSecond()
                        - r.device().modeAt(r.message().eventTime()).sinceEpochSecond()).toHours() >= 3).toList();
        assertThat(settled).hasSizeGreaterThan(100).allSatisfy(r -> assertThat(r.value("discharge_temp"))
                .isCloseTo(r.device().ambient().at(r.message().eventTime().getEpochSecond()), org.assertj.core.data.Offset.offset(1.5)));
    }

    @Test
    void aHotterHourRaisesTheDischargeTemperatureAndCurrentOfARunningAirConditioner() {
        List<Reading> running = readings("AC-INV-12K").stream().filter(r -> "running".equals(r.message().mode())).toList();
        double[] hot = new double[3];
        double[] cool = new double[3];
        for (Reading r : running) {
            double anomaly = r.device().ambient().anomaly(r.message().eventTime().getEpochSecond());
            double[] bin = anomaly > 0.3 ? hot : anomaly < -0.3 ? cool : null;
            if (bin == null) continue;
            // Against the device's own operating point, so devices' offsets do not blur the comparison.
            bin[0] += r.value("discharge_temp") - r.device().baseline("discharge_temp");
            bin[1] += r.value("compressor_current") - r.device().baseline("compressor_current");
            bin[2]++;
        }
        assertThat(hot[2]).isGreaterThan(100);
        assertThat(cool[2]).isGreaterThan(100);
        assertThat(hot[0] / hot[2] - cool[0] / cool[2]).as("discharge temperature, hot minus cool hours").isGreaterThan(2.0);
        assertThat(hot[1] / hot[2] - cool[1] / cool[2]).as("compressor current, hot minus cool hours").isGreaterThan(0.4);
    }

    @Test
    void aFaultShowsInMonitoredReadingsButNotInTheSensorsAnotherModeSets() {
        ProductModel ac = CATALOG.require("AC-INV-12K");
        FailureMode bearing = ac.failureMode("compressor_bearing_wear").orElseThrow();
        SimulatedDevice healthy = readings("AC-INV-12K").get(0).device();
        SimulatedDevice failed = healthy.withFault(Fault.gradual(bearing, START.minus(Duration.ofDays(4)), START));
        Map<String, Integer> seen = new HashMap<>();
        for (long seq = 1; seq <= healthy.lastSeqAt(START.plus(TWO_WEEKS)); seq++) {
            TelemetryMessage sick = failed.message(seq);
            TelemetryMessage well = healthy.message(seq);
            assertThat(sick.mode()).isEqualTo(well.mode());
            OperatingMode mode = ac.operatingMode(sick.mode()).orElseThrow();
            seen.merge(mode.id(), 1, Integer::sum);
            for (SensorShift shift : bearing.signature()) {
                double moved = sick.metrics().get(shift.sensor()).value() - well.metrics().get(shift.sensor()).value();
                if (mode.monitored()) {
                    assertThat(moved).as("%s while %s", shift.sensor(), mode.id()).isGreaterThan(0.5);
                } else {
                    // A worn bearing does not vibrate, nor draw current, while the compressor stands still.
                    assertThat(moved).as("%s while %s", shift.sensor(), mode.id()).isZero();
                }
            }
        }
        assertThat(seen).containsKeys("off", "idle", "running", "defrost");
    }

    @Test
    void aSensorNoModeSetsCarriesTheFaultInEveryMode() {
        // A clogged filter chokes the airflow whether the compressor runs or only the fan does.
        ProductModel ac = CATALOG.require("AC-INV-12K");
        SimulatedDevice healthy = readings("AC-INV-12K").get(0).device();
        SimulatedDevice clogged = healthy.withFault(Fault.gradual(ac.failureMode("clogged_filter").orElseThrow(),
                START.minus(Duration.ofDays(4)), START));
        int idle = 0;
        for (long seq = 1; seq <= healthy.lastSeqAt(START.plus(TWO_WEEKS)); seq++) {
            ModeSpan span = healthy.modeAt(healthy.eventTimeOf(seq));
            if (!"idle".equals(span.modeId())) continue;
            idle++;
            assertThat(clogged.message(seq).metrics().get("airflow").value())
                    .isLessThan(healthy.message(seq).metrics().get("airflow").value() - 100);
        }
        assertThat(idle).isPositive();
    }
}
