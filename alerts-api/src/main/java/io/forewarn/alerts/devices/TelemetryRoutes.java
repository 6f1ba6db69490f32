package io.forewarn.alerts.devices;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.RequestParams;
import io.forewarn.alerts.http.Responses;
import io.forewarn.alerts.timeseries.DeviceHistory;
import io.forewarn.alerts.timeseries.HistoryBucket;
import io.forewarn.alerts.timeseries.Resolution;
import io.forewarn.alerts.timeseries.SensorStats;
import io.forewarn.alerts.timeseries.TimeRange;
import io.forewarn.alerts.timeseries.TimeSeriesReader;
import io.forewarn.alerts.timeseries.TimeSeriesStoreException;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/devices/{deviceId}/telemetry}: a device's telemetry, downsampled (mean, min and max per bucket
 * and sensor) from the time-series store, with the anomaly scores of its predictions over the same range. Same
 * tenancy as the device itself; 503 when the API was started without a time-series store.
 */
public final class TelemetryRoutes {
    /** The range when none is asked for: the last day. */
    static final Duration DEFAULT_RANGE = Duration.ofDays(1);
    /** A chosen resolution gives at most this many buckets: enough points for a chart a screen wide. */
    static final int TARGET_BUCKETS = 300;
    /** More buckets than this is a mistake for a chart; a coarser resolution is asked for. */
    static final int MAX_BUCKETS = 2000;
    private static final List<Resolution> CHOICES = List.of(Resolution.ONE_MINUTE, Resolution.parse("PT5M"),
            Resolution.parse("PT15M"), Resolution.ONE_HOUR, Resolution.parse("PT6H"), Resolution.parse("PT24H"));
    private static final int MAX_SCORES = 1000;
    private static final String SCORES = "SELECT prediction_id, failure_mode, detected_at, anomaly_score, threshold"
            + " FROM predictions WHERE device_id = ? AND detected_at >= ? AND detected_at < ?"
            + " ORDER BY detected_at, prediction_id LIMIT " + MAX_SCORES;

    private final Database database;
    private final DeviceQueries devices;
    private final TimeSeriesReader history;
    private final ProductCatalog catalog;
    private final Clock clock;

    /** @param history null when no time-series store is configured: the endpoint then answers 503 */
    public TelemetryRoutes(Database database, DeviceQueries devices, TimeSeriesReader history, ProductCatalog catalog,
            Clock clock) {
        this.database = database;
        this.devices = devices;
        this.history = history;
        this.catalog = catalog;
        this.clock = clock;
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("getDeviceTelemetry").addHandler(this::telemetry);
    }

    /** The device as its caller may see it, with its anomaly scores in the range. */
    private record Found(JsonObject device, JsonArray scores) {}

    private void telemetry(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        String deviceId = params.path("deviceId");
        TimeRange range = range(params.queryInstant("from"), params.queryInstant("to"));
        Resolution resolution = resolution(params.query("resolution"), range);
        database.query(c -> find(c, caller, deviceId, range))
                .compose(found -> {
                    if (found.isEmpty()) {
                        return Future.failedFuture(ApiProblem.notFound("no device " + deviceId));
                    }
                    if (history == null) {
                        return Future.failedFuture(new ApiProblem(503, "Service Unavailable",
                                "telemetry history is not available: the API runs without a time-series store"));
                    }
                    JsonObject device = found.get().device();
                    Set<String> sensors = sensorsOf(device.getString("productModel"));
                    // The answer is built off the event loop too: a device-day at one minute is near a megabyte.
                    return database.blocking(() -> toJson(found.get(), history.deviceHistory(deviceId, sensors, range, resolution)));
                })
                .onSuccess(body -> Responses.ok(rc, body))
                .onFailure(e -> rc.fail(asProblem(e)));
    }

    private TimeRange range(Instant from, Instant to) {
        Instant end = to != null ? to : from != null ? from.plus(DEFAULT_RANGE) : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        if (!start.isBefore(end)) {
            throw ApiProblem.badRequest("from must be before to, got from " + start + " and to " + end);
        }
        return new TimeRange(start, end);
    }

    /** The asked resolution, or the finest that keeps the chart under {@link #TARGET_BUCKETS} points. */
    private static Resolution resolution(String asked, TimeRange range) {
        Resolution resolution;
        if (asked == null) {
            resolution = CHOICES.stream().filter(r -> range.buckets(r) <= TARGET_BUCKETS).findFirst()
                    .orElse(CHOICES.get(CHOICES.size() - 1));
        } else {
            try {
                resolution = Resolution.parse(asked);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(e.getMessage());
            }
        }
        if (range.buckets(resolution) > MAX_BUCKETS) {
            throw ApiProblem.badRequest(range + " at " + resolution + " is " + range.buckets(resolution)
                    + " buckets, more than " + MAX_BUCKETS + "; ask for a coarser resolution or a shorter range");
        }
        return resolution;
    }

    private Optional<Found> find(Connection c, Caller caller, String deviceId, TimeRange range) throws SQLException {
        Optional<JsonObject> device = devices.get(c, caller, deviceId);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        JsonArray scores = new JsonArray();
        try (PreparedStatement statement = c.prepareStatement(SCORES)) {
            statement.setString(1, deviceId);
            statement.setTimestamp(2, Timestamp.from(range.from()));
            statement.setTimestamp(3, Timestamp.from(range.to()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    scores.add(new JsonObject()
                            .put("at", Rows.timestamp(rs, "detected_at"))
                            .put("score", rs.getDouble("anomaly_score"))
                            .put("threshold", rs.getDouble("threshold"))
                            .put("predictionId", rs.getString("prediction_id"))
                            .put("failureMode", rs.getString("failure_mode")));
                }
            }
        }
        return Optional.of(new Found(device.get(), scores));
    }

    /** The product model's sensors; empty (every stored sensor) for a model the catalog does not know. */
    private Set<String> sensorsOf(String productModel) {
        return catalog.model(productModel)
                .map(m -> m.sensors().stream().map(SensorSpec::name).collect(Collectors.toCollection(TreeSet::new)))
                .map(s -> (Set<String>) s)
                .orElse(Set.of());
    }

    private JsonObject toJson(Found found, DeviceHistory read) {
        JsonObject device = found.device();
        JsonObject latest = device.getJsonObject("latestPrediction");
        JsonArray buckets = new JsonArray();
        Set<String> reported = new TreeSet<>();
        for (HistoryBucket bucket : read.buckets()) {
            JsonObject sensors = new JsonObject();
            for (Map.Entry<String, SensorStats> sensor : bucket.sensors().entrySet()) {
                SensorStats s = sensor.getValue();
                // JSON has no NaN; a bucket without a usable value is left out rather than sent broken.
                if (Double.isFinite(s.mean()) && Double.isFinite(s.min()) && Double.isFinite(s.max())) {
                    sensors.put(sensor.getKey(), new JsonObject()
                            .put("mean", s.mean()).put("min", s.min()).put("max", s.max()).put("count", s.count()));
                    reported.add(sensor.getKey());
                }
            }
            if (!sensors.isEmpty()) {
                buckets.add(new JsonObject().put("start", bucket.start().toString()).put("sensors", sensors));
            }
        }
        return new JsonObject()
                .put("deviceId", device.getString("deviceId"))
                .put("productModel", device.getString("productModel"))
                .put("from", read.range().from().toString())
                .put("to", read.range().to().toString())
                .put("resolution", read.resolution().toString())
                .put("downsampled", read.downsampled())
                .put("sensors", sensorList(device.getString("productModel"), reported))
                .put("buckets", buckets)
                .put("anomalyScores", found.scores())
                .put("predictedFailureAt", latest == null ? null : latest.getString("estimatedFailureAt"));
    }

    /** The catalog's description of each sensor (unit, healthy range), or just the names the store reported. */
    private JsonArray sensorList(String productModel, Set<String> reported) {
        JsonArray list = new JsonArray();
        Optional<ProductModel> model = catalog.model(productModel);
        if (model.isPresent()) {
            for (SensorSpec spec : model.get().sensors()) {
                list.add(new JsonObject().put("name", spec.name()).put("unit", spec.unit())
                        .put("normalMin", spec.normalMin()).put("normalMax", spec.normalMax()));
            }
        } else {
            reported.forEach(name -> list.add(new JsonObject().put("name", name).putNull("unit")
                    .putNull("normalMin").putNull("normalMax")));
        }
        return list;
    }

    private static Throwable asProblem(Throwable e) {
        if (e instanceof TimeSeriesStoreException store) {
            return store.unavailable()
                    ? new ApiProblem(503, "Service Unavailable", "the time-series store does not answer: " + store.getMessage())
                    : new ApiProblem(502, "Bad Gateway", "the time-series store refused the read: " + store.getMessage());
        }
        if (e instanceof IllegalArgumentException bad) {
            return ApiProblem.badRequest(bad.getMessage());
        }
        return e;
    }
}
