package io.forewarn.jobs.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.EvidenceKind;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.jobs.baseline.BaselineScore;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.models.ScoredReading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionEvidenceTest {
    private final FeatureLayout layout = FeatureLayout.of(ProductCatalog.builtIn().model("AC-INV-12K").orElseThrow());

    @Test
    void evidenceNamesTheThreeFeaturesFurthestFromTheProductsHealthyRange() {
        List<PredictedFailure.Evidence> evidence = DevicePrognosis.evidence(reading(BaselineScore.NONE, "vibration_rms", 6.0), layout);

        assertThat(evidence).hasSize(3);
        assertThat(evidence.get(0).feature()).isEqualTo("vibration_rms");
        assertThat(evidence).extracting(PredictedFailure.Evidence::kind).containsOnly(EvidenceKind.PRODUCT_MODEL);
    }

    @Test
    void aBaselineAlarmAddsTheSensorAgainstThisDevicesOwnUsualRange() {
        BaselineScore own = new BaselineScore(0.75, 0.25, "compressor_current", 6.0, 4.0, 5.0);

        List<PredictedFailure.Evidence> evidence = DevicePrognosis.evidence(reading(own, "vibration_rms", 6.0), layout);

        assertThat(evidence).hasSize(4);
        assertThat(evidence.subList(0, 3)).extracting(PredictedFailure.Evidence::kind).containsOnly(EvidenceKind.PRODUCT_MODEL);
        PredictedFailure.Evidence last = evidence.get(3);
        assertThat(last.kind()).isEqualTo(EvidenceKind.DEVICE_BASELINE);
        assertThat(last.feature()).as("the sensor's own name, nothing appended").isEqualTo("compressor_current");
        assertThat(last.unit()).isEqualTo("A");
        assertThat(last.value()).isEqualTo(6.0);
        assertThat(last.baseline()).as("middle of the device's usual 4–5 A").isEqualTo(4.5);
        assertThat(last.deviation()).as("1.5 A above the middle, in half-widths of 0.5 A").isEqualTo(3.0);
    }

    @Test
    void aBaselineScoreBelowItsAlarmLevelAddsNothing() {
        BaselineScore quiet = new BaselineScore(0.1, 0.25, "compressor_current", 4.6, 4.0, 5.0);

        assertThat(DevicePrognosis.evidence(reading(quiet, "vibration_rms", 6.0), layout)).hasSize(3);
    }

    /** A reading whose features sit at their healthy middle except {@code feature}, {@code z} half-widths out. */
    private ScoredReading reading(BaselineScore own, String feature, double z) {
        double[] normalised = new double[layout.size()];
        double[] smoothed = new double[layout.size()];
        for (int i = 0; i < layout.size(); i++) {
            smoothed[i] = layout.baseline(i);
        }
        normalised[layout.indexOf(feature)] = z;
        FeatureVector vector = new FeatureVector("dev-1", "AC-INV-12K", Instant.EPOCH, 1, smoothed, normalised, own);
        return new ScoredReading(vector, 0.7, 0.6, "AC-INV-12K/v1");
    }
}
