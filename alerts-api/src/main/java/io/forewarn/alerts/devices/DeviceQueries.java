package io.forewarn.alerts.devices;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Keyset;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Select;
import io.forewarn.alerts.http.Page;
import io.forewarn.alerts.http.PageRequest;
import io.forewarn.alerts.predictions.PredictionQueries;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reads devices with their owner, warranty and latest prediction (blocking JDBC). */
public final class DeviceQueries {
    private static final String LATEST = "lp_";
    private static final String SELECT = "SELECT d.device_id, d.product_model, d.customer_id, c.name AS customer_name,"
            + " d.region, d.location, d.installed_on, d.warranty_end, "
            + PredictionQueries.columns("lp.", LATEST)
            + " FROM devices d JOIN customers c ON c.customer_id = d.customer_id"
            + " LEFT JOIN LATERAL (SELECT * FROM predictions p WHERE p.device_id = d.device_id"
            + " ORDER BY p.detected_at DESC, p.prediction_id DESC LIMIT 1) lp ON true";
    private static final Keyset ORDER = Keyset.byId("d.device_id");

    private final Clock clock;

    public DeviceQueries(Clock clock) {
        this.clock = clock;
    }

    /** Optional filters of the list; null means "any". */
    public record Filter(String productModel, String customerId, String region) {}

    public Page list(Connection connection, Caller caller, Filter filter, PageRequest page) throws SQLException {
        Select select = new Select(SELECT)
                .whereIfPresent("d.product_model = ?", filter.productModel())
                .whereIfPresent("d.customer_id = ?", filter.customerId())
                .whereIfPresent("d.region = ?", filter.region());
        DeviceScope.restrict(select, "d.device_id", caller);
        return ORDER.fetch(connection, select, page, this::toJson);
    }

    /** The device, or empty when it does not exist or the caller may not see it. */
    public Optional<JsonObject> get(Connection connection, Caller caller, String deviceId) throws SQLException {
        Select select = DeviceScope.restrict(new Select(SELECT).where("d.device_id = ?", deviceId), "d.device_id", caller);
        try (PreparedStatement statement = select.prepare(connection, "");
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(toJson(rs)) : Optional.empty();
        }
    }

    private JsonObject toJson(ResultSet rs) throws SQLException {
        LocalDate warrantyEnd = rs.getObject("warranty_end", LocalDate.class);
        boolean hasPrediction = rs.getString(LATEST + "prediction_id") != null;
        return new JsonObject()
                .put("deviceId", rs.getString("device_id"))
                .put("productModel", rs.getString("product_model"))
                .put("customerId", rs.getString("customer_id"))
                .put("customerName", rs.getString("customer_name"))
                .put("region", rs.getString("region"))
                .put("location", rs.getString("location"))
                .put("installedOn", Rows.date(rs, "installed_on"))
                .put("warrantyEnd", warrantyEnd.toString())
                .put("underWarranty", !LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(warrantyEnd))
                .put("latestPrediction", hasPrediction ? PredictionQueries.toJson(rs, LATEST) : null);
    }
}
