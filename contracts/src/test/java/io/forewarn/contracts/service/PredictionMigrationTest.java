package io.forewarn.contracts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Predictions stored before the estimate method and the evidence kind were fields (schema up to V7, suffixes in
 * the model version and the feature name) read after V8 as the current contract.
 */
class PredictionMigrationTest {
    private static final Instant DETECTED = Instant.parse("2026-11-26T14:05:00Z");

    static EmbeddedPostgres postgres;
    static DataSource db;

    @BeforeAll
    static void storeOldRowsAndMigrate() throws Exception {
        postgres = EmbeddedPostgres.start();
        db = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("7").load().migrate();
        insertVersion7("supervised-with-baseline", "AC-INV-12K/v3#supervised", """
                [{"feature":"vibration_rms","unit":"mm/s","value":2.95,"baseline":1.4,"deviation":1.94},
                 {"feature":"suction_pressure","unit":"bar","value":6.1,"baseline":8.5,"deviation":-3.2},
                 {"feature":"compressor_current (this device's usual range)","unit":"A","value":6.0,"baseline":4.5,"deviation":3.0}]""");
        insertVersion7("trend", "AC-INV-12K/v1", """
                [{"feature":"vibration_rms","unit":"mm/s","value":2.95,"baseline":1.4,"deviation":1.94}]""");
        insertVersion7("no-evidence", "AC-INV-12K/v1", "[]");
        ServiceSchema.migrate(db);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aSupervisedRowGetsItsMethodAndAModelVersionWithoutTheSuffix() throws SQLException {
        PredictedFailure p = read("supervised-with-baseline");

        assertThat(p.estimateMethod()).isEqualTo(EstimateMethod.SUPERVISED_MODEL);
        assertThat(p.modelVersion()).isEqualTo("AC-INV-12K/v3");
    }

    @Test
    void theBaselineItemGetsItsKindAndTheSensorsOwnNameTheOthersAreTheProductModels() throws SQLException {
        PredictedFailure p = read("supervised-with-baseline");

        assertThat(p.evidence()).extracting(PredictedFailure.Evidence::feature).as("in their stored order")
                .containsExactly("vibration_rms", "suction_pressure", "compressor_current");
        assertThat(p.evidence()).extracting(PredictedFailure.Evidence::kind)
                .containsExactly(EvidenceKind.PRODUCT_MODEL, EvidenceKind.PRODUCT_MODEL, EvidenceKind.DEVICE_BASELINE);
        assertThat(p.evidence().get(2)).isEqualTo(
                new PredictedFailure.Evidence("compressor_current", "A", 6.0, 4.5, 3.0, EvidenceKind.DEVICE_BASELINE));
    }

    @Test
    void aTrendRowKeepsItsModelVersionAndARowWithoutEvidenceStaysEmpty() throws SQLException {
        PredictedFailure trend = read("trend");
        assertThat(trend.estimateMethod()).isEqualTo(EstimateMethod.TREND_EXTRAPOLATION);
        assertThat(trend.modelVersion()).isEqualTo("AC-INV-12K/v1");
        assertThat(trend.evidence()).extracting(PredictedFailure.Evidence::kind).containsExactly(EvidenceKind.PRODUCT_MODEL);

        assertThat(read("no-evidence").evidence()).isEmpty();
    }

    @Test
    void aNewRowMustStateItsMethod() {
        assertThatThrownBy(() -> insertVersion7("no-method", "AC-INV-12K/v4", "[]"))
                .isInstanceOf(SQLException.class).hasMessageContaining("estimate_method");
    }

    /** A row as the job wrote it up to schema V7. */
    private static void insertVersion7(String id, String modelVersion, String evidence) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("""
                INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,
                    estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version, evidence)
                VALUES (?, 'ac-inv-12k-0007', 'AC-INV-12K', 'compressor_bearing_wear', ?, ?, 0.87, 0.71, 0.68, 0.58, ?, ?::jsonb)""")) {
            st.setString(1, id);
            st.setTimestamp(2, Timestamp.from(DETECTED));
            st.setTimestamp(3, Timestamp.from(DETECTED.plusSeconds(86_400)));
            st.setString(4, modelVersion);
            st.setString(5, evidence);
            st.executeUpdate();
        }
    }

    /** The stored row as the contract, field by field from its columns. */
    private static PredictedFailure read(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT model_version, estimate_method, evidence FROM predictions WHERE prediction_id = ?""")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("row %s", id).isTrue();
                return new PredictedFailure(PredictedFailure.SCHEMA_VERSION, id, "ac-inv-12k-0007", "AC-INV-12K",
                        "compressor_bearing_wear", DETECTED, DETECTED.plusSeconds(86_400), 0.87, 0.71, 0.68, 0.58,
                        rs.getString("model_version"), EstimateMethod.valueOf(rs.getString("estimate_method")),
                        List.of(Json.read(rs.getString("evidence"), PredictedFailure.Evidence[].class)));
            }
        }
    }
}
