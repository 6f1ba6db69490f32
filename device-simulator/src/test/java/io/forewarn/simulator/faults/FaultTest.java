package io.forewarn.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorShift;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    static final Instant ONSET = START;
    static final Instant FAILURE = START.plus(Duration.ofDays(4));

    static Stream<Arguments> catalogFailureModes() {
        return CATALOG.models().stream().flatMap(m -> m.failureModes().stream().map(f -> Arguments.of(m.id(), f.id())));
    }

    /** A healthy device of {@code model} from a fleet of one device per model. */
    private static SimulatedDevice healthyDevice(ProductModel model) {
        Fleet fleet = Fleet.create(CATALOG, FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(CATALOG.models().size()));
        return fleet.devices().stream().filter(d -> d.model().equals(model)).findFirst().orElseThrow();
    }

    /** The first reading at or after {@code t} that the device takes in a monitored mode. */
    private static long firstMonitoredFrom(SimulatedDevice device, Instant t) {
        for (long seq = Math.max(1, device.lastSeqAt(t)); ; seq++) {
            if (!device.eventTimeOf(seq).isBefore(t) && device.model().isMonitored(device.message(seq).mode())) return seq;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("catalogFailureModes")
    void lateDegradationMovesEachSignatureSensorInTheDirectionOfItsShiftBeyondNoise(String modelId, String modeId) {
        ProductModel model = CATALOG.require(modelId);
        FailureMode mode = model.failureMode(modeId).orElseThrow();
        SimulatedDevice healthy = healthyDevice(model);
        // Healthy for a week, then four days of wear.
        Instant onset = START.plus(Duration.ofDays(7));
        Instant failure = onset.plus(Duration.ofDays(4));
        SimulatedDevice degrading = healthy.withFault(Fault.gradual(mode, onset, failure));
        // The monitored readings of the last day before failure, against the same readings of the healthy twin (same
        // usage, same noise): the difference is what the fault did.
        long lateFrom = degrading.lastSeqAt(failure.minus(Duration.ofDays(1)));
        long lateTo = degrading.lastSeqAt(failure.minusSeconds(1));
        List<Long> monitored = new ArrayList<>();
        for (long seq = lateFrom; seq <= lateTo; seq++) {
            if (model.isMonitored(degrading.message(seq).mode())) monitored.add(seq);
        }
        assertThat(monitored).as("monitored readings on the last day").isNotEmpty();
        Set<String> signature = mode.signature().stream().map(SensorShift::sensor).collect(Collectors.toSet());
        for (SensorShift shift : mode.signature()) {
            SensorSpec spec = model.sensor(shift.sensor()).orElseThrow();
            double moved = monitored.stream().mapToDouble(seq -> degrading.message(seq).metrics().get(spec.name()).value()
                    - healthy.message(seq).metrics().get(spec.name()).value()).average().orElseThrow();
            assertThat(Math.signum(moved)).as(spec.name() + " direction").isEqualTo(Math.signum(shift.shiftAtFailure()));
            // Severity is at least 0.81 over the last day: expect most of the full shift (less where the physical range clamps).
            double expected = Math.abs(shift.shiftAtFailure()) * spec.normalHalfWidth() * 0.81;
            double room = shift.shiftAtFailure() < 0 ? healthy.baseline(spec.name()) - spec.physicalMin() : spec.physicalMax() - healthy.baseline(spec.name());
            assertThat(Math.abs(moved)).as(spec.name() + " displacement")
                    .isGreaterThan(5 * spec.noise())
                    .isGreaterThan(0.8 * Math.min(expected, room));
        }
        for (SensorSpec other : model.sensors()) {
            if (signature.contains(other.name())) continue;
            assertThat(degrading.message(lateTo).metrics().get(other.name())).as(other.name() + " outside the signature")
                    .isEqualTo(healthy.message(lateTo).metrics().get(other.name()));
        }
    }

    @Test
    void gradualSeverityIsProgressSquaredAndHoldsAtOneOnceFailed() {
        FailureMode mode = CATALOG.models().get(0).failureModes().get(0);
        Fault fault = Fault.gradual(mode, ONSET, FAILURE);
        assertThat(fault.severity(ONSET.minusSeconds(60))).isZero();
        assertThat(fault.progress(ONSET.plus(Duration.ofDays(1)))).isCloseTo(0.25, within(1e-9));
        assertThat(fault.severity(ONSET.plus(Duration.ofDays(1)))).isCloseTo(0.0625, within(1e-9));
        assertThat(fault.severity(ONSET.plus(Duration.ofDays(2)))).isCloseTo(0.25, within(1e-9));
        assertThat(fault.severity(FAILURE)).isEqualTo(1);
        assertThat(fault.severity(FAILURE.plus(Duration.ofDays(30)))).isEqualTo(1);
        assertThat(fault.isActive(ONSET.plus(Duration.ofDays(1)))).isTrue();
        assertThat(fault.isActive(FAILURE)).isFalse();
        assertThat(fault.hasFailed(FAILURE)).isTrue();
        assertThat(fault.hasFailed(FAILURE.minusSeconds(1))).isFalse();
    }

    @Test
    void displacementIsShiftTimesHalfWidthTimesSeverity() {
        ProductModel model = CATALOG.models().get(0);
        FailureMode mode = model.failureModes().get(0);
        SensorShift shift = mode.signature().get(0);
        SensorSpec spec = model.sensor(shift.sensor()).orElseThrow();
        Fault fault = Fault.gradual(mode, ONSET, FAILURE);
        Instant halfway = ONSET.plus(Duration.ofDays(2));
        assertThat(fault.displacement(spec, halfway)).isCloseTo(shift.shiftAtFailure() * spec.normalHalfWidth() * 0.25, within(1e-9));
    }

    @Test
    void failedDeviceKeepsReportingWithTheFullSignature() {
        ProductModel model = CATALOG.models().get(0);
        FailureMode mode = model.failureModes().get(0);
        SimulatedDevice healthy = healthyDevice(model);
        SimulatedDevice failed = healthy.withFault(Fault.gradual(mode, ONSET, FAILURE));
        SensorShift shift = mode.signature().get(0);
        SensorSpec spec = model.sensor(shift.sensor()).orElseThrow();
        long afterFailure = firstMonitoredFrom(healthy, FAILURE.plus(Duration.ofDays(3)));
        TelemetryMessage reading = failed.message(afterFailure);
        double expected = Math.max(spec.physicalMin(), Math.min(spec.physicalMax(),
                healthy.message(afterFailure).metrics().get(spec.name()).value() + shift.shiftAtFailure() * spec.normalHalfWidth()));
        assertThat(reading.metrics().get(spec.name()).value()).isCloseTo(expected, within(1e-3));
    }

    @Test
    void suddenFaultShowsNothingBeforeFailureThenTheFullSignature() {
        ProductModel model = CATALOG.models().get(0);
        FailureMode mode = model.failureModes().get(0);
        SimulatedDevice healthy = healthyDevice(model);
        SimulatedDevice sudden = healthy.withFault(Fault.sudden(mode, FAILURE));
        long before = healthy.lastSeqAt(FAILURE.minusSeconds(1));
        assertThat(sudden.messages((int) before)).isEqualTo(healthy.messages((int) before));
        Fault fault = sudden.fault().orElseThrow();
        assertThat(fault.severity(FAILURE)).isEqualTo(1);
        assertThat(fault.isActive(FAILURE.minusSeconds(1))).isFalse();
        String sensor = mode.signature().get(0).sensor();
        long firstShowing = firstMonitoredFrom(healthy, FAILURE);
        assertThat(sudden.message(firstShowing).metrics().get(sensor)).isNotEqualTo(healthy.message(firstShowing).metrics().get(sensor));
    }

    @Test
    void intermittentFaultComesAndGoesInEpisodesThatGrowMoreFrequent() {
        FailureMode mode = CATALOG.models().get(0).failureModes().get(0);
        Fault fault = Fault.intermittent(mode, ONSET, FAILURE, 99);
        long episodes = Duration.between(ONSET, FAILURE).dividedBy(Fault.EPISODE);
        int onEarly = 0;
        int onLate = 0;
        for (long e = 0; e < episodes; e++) {
            Instant t = ONSET.plus(Fault.EPISODE.multipliedBy(e)).plusSeconds(60);
            double severity = fault.severity(t);
            assertThat(severity).satisfiesAnyOf(s -> assertThat(s).isZero(), s -> assertThat(s).isGreaterThanOrEqualTo(0.25));
            if (severity > 0 && e < episodes / 2) onEarly++;
            if (severity > 0 && e >= episodes / 2) onLate++;
        }
        assertThat(onEarly).isPositive().isLessThan((int) (episodes / 2));
        assertThat(onLate).isGreaterThan(onEarly);
        assertThat(fault.severity(FAILURE)).isEqualTo(1);
    }

    @Test
    void noFaultShowsBeforeItsOnset() {
        FailureMode mode = CATALOG.models().get(0).failureModes().get(0);
        for (Fault fault : List.of(Fault.gradual(mode, ONSET, FAILURE), Fault.intermittent(mode, ONSET, FAILURE, 99))) {
            for (int hoursBefore = 1; hoursBefore <= 200; hoursBefore++) {
                assertThat(fault.severity(ONSET.minus(Duration.ofHours(hoursBefore))))
                        .as("%s %d h before onset", fault.kind(), hoursBefore).isZero();
            }
        }
    }

    @Test
    void aFaultMustFailAfterItsOnset() {
        FailureMode mode = CATALOG.models().get(0).failureModes().get(0);
        assertThatThrownBy(() -> Fault.gradual(mode, FAILURE, ONSET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be after onsetAt");
    }

    @Test
    void aDeviceRejectsAFailureModeOfAnotherModel() {
        List<ProductModel> models = CATALOG.models();
        SimulatedDevice device = healthyDevice(models.get(0));
        FailureMode foreign = models.get(1).failureModes().get(0);
        assertThatThrownBy(() -> device.withFault(Fault.gradual(foreign, ONSET, FAILURE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not one of");
    }
}
