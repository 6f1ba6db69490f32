package io.forewarn.alerts.predictions;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.devices.DeviceScope;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.forewarn.contracts.service.PredictedFailure;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Reads the {@code predictions} the stream job wrote, newest first (blocking JDBC). */
public final class PredictionQueries {
    /** The columns of one prediction, in the order of {@link PredictedFailure}. */
    public static final List<String> COLUMNS = List.of("prediction_id", "device_id", "product_model", "failure_mode",
            "detected_at", "estimated_failure_at", "confidence", "health_index", "anomaly_score", "threshold",
            "model_version", "estimate_method", "evidence", "suppressed_by");

    private static final Keyset ORDER = Keyset.newestFirst("p.detected_at", "p.prediction_id");

    private PredictionQueries() {}

    /** Optional filters of the list; null means "any". */
    public record Filter(String deviceId, String productModel, String failureMode, Instant since) {}

    public static Page list(Connection connection, Caller caller, Filter filter, PageRequest page) throws SQLException {
        Select select = new Select("SELECT " + columns("p.", "") + " FROM predictions p")
                .whereIfPresent("p.device_id = ?", filter.deviceId())
                .whereIfPresent("p.product_model = ?", filter.productModel())
                .whereIfPresent("p.failure_mode = ?", filter.failureMode())
                .whereIfPresent("p.detected_at >= ?", filter.since());
        DeviceScope.restrict(select, "p.device_id", caller);
        return ORDER.fetch(connection, select, page, rs -> toJson(rs, ""));
    }

    /** The select list for {@link #COLUMNS} of table alias {@code qualifier}, each labelled with {@code prefix}. */
    public static String columns(String qualifier, String prefix) {
        return String.join(", ", COLUMNS.stream().map(c -> qualifier + c + " AS " + prefix + c).toList());
    }

    /** The prediction in the current row (columns labelled with {@code prefix}), shaped as {@link PredictedFailure}. */
    public static JsonObject toJson(ResultSet rs, String prefix) throws SQLException {
        return new JsonObject()
                .put("schemaVersion", PredictedFailure.SCHEMA_VERSION)
                .put("predictionId", rs.getString(prefix + "prediction_id"))
                .put("deviceId", rs.getString(prefix + "device_id"))
                .put("productModel", rs.getString(prefix + "product_model"))
                .put("failureMode", rs.getString(prefix + "failure_mode"))
                .put("detectedAt", Rows.timestamp(rs, prefix + "detected_at"))
                .put("estimatedFailureAt", Rows.timestamp(rs, prefix + "estimated_failure_at"))
                .put("confidence", rs.getDouble(prefix + "confidence"))
                .put("healthIndex", rs.getDouble(prefix + "health_index"))
                .put("anomalyScore", rs.getDouble(prefix + "anomaly_score"))
                .put("threshold", rs.getDouble(prefix + "threshold"))
                .put("modelVersion", rs.getString(prefix + "model_version"))
                .put("estimateMethod", rs.getString(prefix + "estimate_method"))
                .put("evidence", Rows.jsonArray(rs, prefix + "evidence"))
                .put("suppressedBy", rs.getString(prefix + "suppressed_by"));
    }
}
