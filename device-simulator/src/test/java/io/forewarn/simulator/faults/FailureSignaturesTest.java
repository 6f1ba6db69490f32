package io.forewarn.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The failure signatures the product promises (issue 5), one test each, with the directions written down here from
 * what the fault does physically rather than read from the catalog's signs, so a catalog entry with a wrong sign
 * fails here even though {@link FaultTest} (which checks the simulator follows the catalog) would pass.
 *
 * <p>Each test compares a device developing the fault with its healthy twin (same operating point, usage and noise)
 * in its monitored mode: the difference is what the fault did. Wear runs four days from onset to failure.
 */
class FailureSignaturesTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    static final Duration WEAR = Duration.ofDays(4);

    @Test
    void compressorBearingWearRaisesVibrationAndCurrent() {
        Wear wear = Wear.of("AC-INV-12K", "compressor_bearing_wear");
        wear.rises("vibration_rms", sensor("vibration_rms"), 0.08);
        wear.rises("compressor_current", sensor("compressor_current"), 0.15);
    }

    @Test
    void refrigerantLeakLowersSuctionPressureAndRaisesSuperheat() {
        Wear wear = Wear.of("AC-INV-12K", "refrigerant_leak");
        wear.falls("suction_pressure", sensor("suction_pressure"), 0.08);
        // Superheat: suction line minus evaporating temperature (the catalog's derived feature of the same name).
        wear.rises("superheat", m -> m.metrics().get("suction_line_temp").value() - m.metrics().get("evaporator_temp").value(), 0.4);
    }

    @Test
    void aCloggedFilterLowersAirflowAndCoolsTheCoil() {
        Wear wear = Wear.of("AC-INV-12K", "clogged_filter");
        wear.falls("airflow", sensor("airflow"), 6);
        // Less air over the coil: the evaporating temperature drops (the coil heads towards freezing).
        wear.falls("evaporator_temp", sensor("evaporator_temp"), 0.25);
    }

    @Test
    void heatingElementScalingSlowsTheHeatUp() {
        Wear wear = Wear.of("WH-ELEC-80L", "element_scaling");
        wear.falls("heatup_rate", sensor("heatup_rate"), 0.02);
    }

    @Test
    void pumpCavitationAddsVibrationAndPressureRipple() {
        Wear wear = Wear.of("PUMP-CEN-15KW", "cavitation");
        wear.rises("pressure_ripple", sensor("pressure_ripple"), 0.004);
        wear.rises("vibration_rms", sensor("vibration_rms"), 0.08);
    }

    private static ToDoubleFunction<TelemetryMessage> sensor(String name) {
        return m -> m.metrics().get(name).value();
    }

    /** A healthy device and its twin developing one failure mode, from a week after the start to failure four days later. */
    private record Wear(SimulatedDevice healthy, SimulatedDevice worn, Instant onset, Instant failure) {
        static Wear of(String modelId, String failureMode) {
            ProductModel model = CATALOG.require(modelId);
            Fleet fleet = Fleet.create(CATALOG, FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(CATALOG.models().size()));
            SimulatedDevice healthy = fleet.devices().stream().filter(d -> d.model().equals(model)).findFirst().orElseThrow();
            Instant onset = START.plus(Duration.ofDays(7));
            Instant failure = onset.plus(WEAR);
            return new Wear(healthy, healthy.withFault(Fault.gradual(model.failureMode(failureMode).orElseThrow(), onset, failure)), onset, failure);
        }

        void rises(String what, ToDoubleFunction<TelemetryMessage> quantity, double noise) {
            develops(what, quantity, noise, 1);
        }

        void falls(String what, ToDoubleFunction<TelemetryMessage> quantity, double noise) {
            develops(what, quantity, noise, -1);
        }

        /**
         * Nothing before the onset; a small change on the first day of wear; on the last day before failure a change
         * in {@code direction} of more than five times the measurement noise and at least five times the first day's.
         */
        private void develops(String what, ToDoubleFunction<TelemetryMessage> quantity, double noise, int direction) {
            double before = meanChange(onset.minus(Duration.ofDays(1)), onset, quantity);
            double firstDay = meanChange(onset, onset.plus(Duration.ofDays(1)), quantity);
            double lastDay = meanChange(failure.minus(Duration.ofDays(1)), failure, quantity);
            assertThat(before).as("%s before the onset", what).isZero();
            assertThat(direction * lastDay).as("%s on the last day before failure, in its direction", what).isGreaterThan(5 * noise);
            assertThat(direction * firstDay).as("%s on the first day of wear: the fault develops", what)
                    .isGreaterThanOrEqualTo(0).isLessThan(direction * lastDay / 5);
        }

        /** Mean of worn minus healthy over the monitored readings measured in [from, to). */
        private double meanChange(Instant from, Instant to, ToDoubleFunction<TelemetryMessage> quantity) {
            double sum = 0;
            int n = 0;
            for (long seq = healthy.lastSeqAt(from.minusSeconds(1)) + 1; healthy.eventTimeOf(seq).isBefore(to); seq++) {
                TelemetryMessage well = healthy.message(seq);
                if (!healthy.model().isMonitored(well.mode())) continue;
                sum += quantity.applyAsDouble(worn.message(seq)) - quantity.applyAsDouble(well);
                n++;
            }
            assertThat(n).as("monitored readings from %s to %s", from, to).isPositive();
            return sum / n;
        }
    }
}
