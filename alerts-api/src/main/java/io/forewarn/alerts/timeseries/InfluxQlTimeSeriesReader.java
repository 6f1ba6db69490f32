package io.forewarn.alerts.timeseries;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.InfluxQLQueryApi;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.InfluxQLQueryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Reads telemetry from InfluxDB with InfluxQL through influxdb-client-java's InfluxQL API ({@code /query}): InfluxDB
 * 2.x answers it through its v1 compatibility endpoint (the bucket is the database, through the bucket's DBRP
 * mapping), 3.x natively. Downsampling in InfluxDB is the store's business (see docs/storage.md), so every read goes
 * to the one bucket. How values reach the query text without bound parameters: {@link InfluxQl}.
 */
public final class InfluxQlTimeSeriesReader implements TimeSeriesReader {
    /**
     * The client logs a warning for every empty answer (InfluxDB sends no body when a query matches nothing); for a
     * reader an empty range is an ordinary answer. Held here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger EMPTY_ANSWER_LOG = quiet("com.influxdb.internal.AbstractQueryApi");
    /** How long the field list is trusted before it is read again. */
    private static final Duration FIELDS_TTL = Duration.ofSeconds(10);

    private final TimeSeriesReadConfig config;
    private final String store;
    private final InfluxDBClient client;
    private final InfluxQLQueryApi influxQl;
    private volatile List<String> fields;
    private volatile Instant fieldsReadAt = Instant.EPOCH;

    public InfluxQlTimeSeriesReader(TimeSeriesReadConfig config) {
        this.config = config;
        this.store = "InfluxDB at " + config.influxUrl() + " (database " + config.influxBucket() + ")";
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.queryTimeout())
                .readTimeout(config.queryTimeout());
        this.client = InfluxDBClientFactory.create(InfluxDBClientOptions.builder()
                .url(config.influxUrl())
                .authenticateToken(config.influxToken().toCharArray())
                .org(config.influxOrg())
                .bucket(config.influxBucket())
                .okHttpClient(http)
                .build());
        this.influxQl = client.getInfluxQLQueryApi();
    }

    @Override
    public DeviceHistory deviceHistory(String deviceId, Set<String> wanted, TimeRange range, Resolution resolution) {
        TagValues.require("device id", deviceId);
        Reads.checkBuckets(range, resolution);
        List<String> sensors = Reads.sensors(fields(), wanted);
        if (sensors.isEmpty()) {
            return new DeviceHistory(deviceId, range, resolution, List.of(), false);
        }
        String query = InfluxQl.deviceHistory(sensors, deviceId, range, resolution);
        return new DeviceHistory(deviceId, range, resolution, InfluxQlResults.deviceHistory(run(query), sensors), false);
    }

    @Override
    public FleetHistory fleetHistory(String productModel, TimeRange range, Resolution resolution) {
        TagValues.require("product model", productModel);
        Reads.checkBuckets(range, resolution);
        List<String> sensors = fields();
        if (sensors.isEmpty()) {
            return new FleetHistory(productModel, range, resolution, List.of(), false);
        }
        String query = InfluxQl.fleetHistory(sensors, productModel, range, resolution);
        return new FleetHistory(productModel, range, resolution, InfluxQlResults.fleetHistory(run(query), sensors), false);
    }

    /** Asks one window at a time ({@code FOREWARN_INFLUX_EXPORT_WINDOW}): the client reads each answer whole. */
    @Override
    public long exportTraining(TrainingSelection selection, TimeRange range, Consumer<TrainingRow> rows) {
        List<String> sensors = fields();
        if (sensors.isEmpty()) {
            return 0;
        }
        long exported = 0;
        for (Instant from = range.from(); from.isBefore(range.to()); from = from.plus(config.influxExportWindow())) {
            Instant to = from.plus(config.influxExportWindow());
            TimeRange window = new TimeRange(from, to.isAfter(range.to()) ? range.to() : to);
            for (TrainingRow row : InfluxQlResults.trainingRows(run(InfluxQl.export(sensors, selection, window)), sensors)) {
                rows.accept(row);
                exported++;
            }
        }
        return exported;
    }

    @Override
    public String store() {
        return store;
    }

    @Override
    public void close() {
        client.close();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private List<String> fields() {
        List<String> known = fields;
        if (known != null && fieldsReadAt.plus(FIELDS_TTL).isAfter(Instant.now())) {
            return known;
        }
        known = InfluxQlResults.numericFields(run(InfluxQl.fieldKeys()));
        // An empty store is not remembered: the first write creates the measurement.
        fields = known.isEmpty() ? null : List.copyOf(known);
        fieldsReadAt = Instant.now();
        return known;
    }

    private InfluxQLQueryResult run(String query) {
        try {
            return influxQl.query(new InfluxQLQuery(query, config.influxBucket())
                    .setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS));
        } catch (RuntimeException e) {
            throw failure(store, query, e);
        }
    }

    /**
     * What a failed query becomes: unreachable, too slow, 429 and 5xx are "unavailable" (retry later); other statuses
     * are a refusal (a bad token, a missing database, a query the store does not understand).
     */
    static TimeSeriesStoreException failure(String store, String query, RuntimeException e) {
        if (e instanceof InfluxException influx) {
            int status = influx.status();
            if (status == 0) {
                Throwable reason = influx.getCause() != null ? influx.getCause() : influx;
                return new TimeSeriesStoreException(store, "is unreachable or did not answer in time (" + reason + ")", query, true, e);
            }
            boolean unavailable = status == 429 || status >= 500;
            Object reason = influx.errorBody().getOrDefault("message", influx.getMessage());
            return new TimeSeriesStoreException(store, (unavailable ? "is unavailable: it answered HTTP " : "refused the query: HTTP ")
                    + status + " (" + reason + ")", query, unavailable, e);
        }
        return new TimeSeriesStoreException(store, "gave an answer that could not be read (" + e + ")", query, false, e);
    }
}
