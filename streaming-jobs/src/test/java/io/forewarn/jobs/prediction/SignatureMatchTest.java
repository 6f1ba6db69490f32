package io.forewarn.jobs.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.simulator.faults.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signature match tells which catalog failure mode a device's deviation follows and how far along it is:
 * 0 at the healthy middle, 1 where the catalog (and the simulator, which degrades devices from the same catalog)
 * says the product fails.
 */
class SignatureMatchTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant ONSET = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant FAILURE = Instant.parse("2026-03-06T00:00:00Z");

    static Stream<Arguments> everyFailureMode() {
        return CATALOG.models().stream().flatMap(model -> model.failureModes().stream().map(mode -> Arguments.of(model.id(), mode.id())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFailureMode")
    void atTheCatalogsFailureDisplacementTheModesProgressIsOneAndItIsTheBestMatch(String modelId, String modeId) {
        ProductModel model = CATALOG.require(modelId);
        FeatureLayout layout = FeatureLayout.of(model);
        SignatureMatch match = new SignatureMatch(layout, model.failureModes());
        int m = indexOf(match, modeId);

        double[] failed = deviation(model, layout, Fault.gradual(model.failureMode(modeId).orElseThrow(), ONSET, FAILURE), FAILURE, null);

        assertThat(match.progress(m, failed)).isCloseTo(1.0, within(1e-9));
        assertThat(match.bestMode(failed)).as("best mode").isEqualTo(m);
        assertThat(match.similarity(m, failed)).isGreaterThan(0.8);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFailureMode")
    void halfWayToFailureAQuadraticWearIsAQuarterAlongAndStillMatchedDespiteNoise(String modelId, String modeId) {
        ProductModel model = CATALOG.require(modelId);
        FeatureLayout layout = FeatureLayout.of(model);
        SignatureMatch match = new SignatureMatch(layout, model.failureModes());
        int m = indexOf(match, modeId);
        Instant halfWay = ONSET.plus(Duration.between(ONSET, FAILURE).dividedBy(2));

        double[] deviation = deviation(model, layout, Fault.gradual(model.failureMode(modeId).orElseThrow(), ONSET, FAILURE), halfWay, new Random(3));

        assertThat(match.progress(m, deviation)).isCloseTo(0.25, within(0.05));
        assertThat(match.bestMode(deviation)).isEqualTo(m);
    }

    @Test
    void aHealthyDeviceIsNowhereAlongAnyMode() {
        ProductModel model = CATALOG.require("AC-INV-12K");
        FeatureLayout layout = FeatureLayout.of(model);
        SignatureMatch match = new SignatureMatch(layout, model.failureModes());
        double[] healthy = new double[layout.size()];

        for (int m = 0; m < match.modeCount(); m++) {
            assertThat(match.progress(m, healthy)).isZero();
            assertThat(match.similarity(m, healthy)).isZero();
        }
    }

    @Test
    void movingAgainstASignatureIsNegativeProgress() {
        ProductModel model = CATALOG.require("PUMP-CEN-15KW");
        FeatureLayout layout = FeatureLayout.of(model);
        SignatureMatch match = new SignatureMatch(layout, model.failureModes());
        int impeller = indexOf(match, "impeller_wear");
        double[] deviation = new double[layout.size()];
        deviation[layout.indexOf("flow")] = 2.0; // flow rises where impeller wear lowers it

        assertThat(match.progress(impeller, deviation)).isNegative();
        assertThat(match.similarity(impeller, deviation)).isNegative();
    }

    @Test
    void theStrongestShiftIsTheLargestAbsoluteShiftOfTheSignature() {
        ProductModel model = CATALOG.require("AC-INV-12K");
        SignatureMatch match = new SignatureMatch(FeatureLayout.of(model), model.failureModes());

        assertThat(match.strongestShift(indexOf(match, "refrigerant_leak"))).isEqualTo(5.0);
        assertThat(match.strongestShift(indexOf(match, "compressor_bearing_wear"))).isEqualTo(6.0);
    }

    /** A device at the healthy middle of every sensor, displaced by {@code fault} at {@code t}, as the job's normalised features. */
    private static double[] deviation(ProductModel model, FeatureLayout layout, Fault fault, Instant t, Random noise) {
        double[] values = new double[layout.size()];
        for (int i = 0; i < layout.sensorCount(); i++) {
            SensorSpec sensor = model.sensors().get(i);
            values[i] = sensor.normalMid() + fault.displacement(sensor, t)
                    + (noise == null ? 0 : 0.05 * sensor.normalHalfWidth() * noise.nextGaussian());
        }
        layout.derive(values);
        return layout.normalise(values);
    }

    private static int indexOf(SignatureMatch match, String mode) {
        for (int m = 0; m < match.modeCount(); m++) {
            if (match.mode(m).equals(mode)) return m;
        }
        throw new AssertionError("no mode " + mode);
    }
}
