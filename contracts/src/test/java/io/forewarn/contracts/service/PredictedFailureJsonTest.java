package io.forewarn.contracts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The predicted failure as docs/contracts/predicted-failure.md documents it, in its current and its first version. */
class PredictedFailureJsonTest {
    private static final Instant DETECTED = Instant.parse("2026-11-26T14:05:00Z");

    @Test
    void theEstimateMethodAndTheEvidenceKindsAreWrittenAsFieldsAndReadBackEqual() {
        PredictedFailure p = new PredictedFailure(PredictedFailure.SCHEMA_VERSION, "prediction-1", "ac-inv-12k-0007",
                "AC-INV-12K", "compressor_bearing_wear", DETECTED, DETECTED.plusSeconds(3 * 86_400), 0.87, 0.71, 0.68, 0.58,
                "AC-INV-12K/v3", EstimateMethod.SUPERVISED_MODEL, List.of(
                        new PredictedFailure.Evidence("vibration_rms", "mm/s", 2.95, 1.4, 1.94, EvidenceKind.PRODUCT_MODEL),
                        new PredictedFailure.Evidence("compressor_current", "A", 6.0, 4.5, 3.0, EvidenceKind.DEVICE_BASELINE)));

        String json = Json.write(p);

        assertThat(json).contains("\"schemaVersion\":2", "\"modelVersion\":\"AC-INV-12K/v3\"",
                "\"estimateMethod\":\"SUPERVISED_MODEL\"", "\"feature\":\"compressor_current\"", "\"kind\":\"DEVICE_BASELINE\"",
                "\"kind\":\"PRODUCT_MODEL\"");
        assertThat(Json.read(json, PredictedFailure.class)).isEqualTo(p);
    }

    @Test
    void aVersion1DocumentReadsWithItsSuffixesTurnedIntoFields() {
        PredictedFailure p = Json.read("""
                {"schemaVersion":1,"predictionId":"prediction-1","deviceId":"ac-inv-12k-0007","productModel":"AC-INV-12K",
                 "failureMode":"compressor_bearing_wear","detectedAt":"2026-11-26T14:05:00Z",
                 "estimatedFailureAt":"2026-11-29T02:40:00Z","confidence":0.87,"healthIndex":0.71,"anomalyScore":0.68,
                 "threshold":0.58,"modelVersion":"AC-INV-12K/v3#supervised","evidence":[
                   {"feature":"vibration_rms","unit":"mm/s","value":2.95,"baseline":1.4,"deviation":1.94},
                   {"feature":"compressor_current (this device's usual range)","unit":"A","value":6.0,"baseline":4.5,"deviation":3.0}]}
                """, PredictedFailure.class);

        assertThat(p.schemaVersion()).isEqualTo(PredictedFailure.SCHEMA_VERSION);
        assertThat(p.estimateMethod()).isEqualTo(EstimateMethod.SUPERVISED_MODEL);
        assertThat(p.modelVersion()).isEqualTo("AC-INV-12K/v3");
        assertThat(p.evidence()).extracting(PredictedFailure.Evidence::feature).containsExactly("vibration_rms", "compressor_current");
        assertThat(p.evidence()).extracting(PredictedFailure.Evidence::kind)
                .containsExactly(EvidenceKind.PRODUCT_MODEL, EvidenceKind.DEVICE_BASELINE);
        assertThat(p.evidence().get(1).deviation()).isEqualTo(3.0);
    }

    @Test
    void aVersion1TrendEstimateKeepsItsModelVersion() {
        PredictedFailure p = Json.read("""
                {"schemaVersion":1,"predictionId":"prediction-2","deviceId":"d","productModel":"AC-INV-12K",
                 "failureMode":"refrigerant_leak","detectedAt":"2026-11-26T14:05:00Z","estimatedFailureAt":"2026-11-27T14:05:00Z",
                 "confidence":0.5,"healthIndex":0.6,"anomalyScore":0.7,"threshold":0.6,"modelVersion":"AC-INV-12K/v1","evidence":[]}
                """, PredictedFailure.class);

        assertThat(p.estimateMethod()).isEqualTo(EstimateMethod.TREND_EXTRAPOLATION);
        assertThat(p.modelVersion()).isEqualTo("AC-INV-12K/v1");
        assertThat(p.evidence()).isEmpty();
    }
}
