package io.forewarn.alerts.timeseries;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads stored telemetry (measurement {@code telemetry}, tags {@code device_id} and {@code product_model}, one numeric
 * field per sensor): a device's history and a product model's fleet aggregates downsampled to a resolution, and the
 * raw readings for model training. Implemented for QuestDB (SQL) and InfluxDB (InfluxQL); {@link #open} picks one.
 * Every method may throw {@link TimeSeriesStoreException} when the store is down or refuses the query, and
 * {@link IllegalArgumentException} for bad input (blank ids, too many buckets).
 */
public interface TimeSeriesReader extends AutoCloseable {
    /** More buckets than this in one answer is a mistake (a year at one second); ask for a coarser resolution. */
    long MAX_BUCKETS = 100_000;

    /**
     * The device's readings in {@code range}, per bucket of {@code resolution} and sensor: mean, min, max, count.
     *
     * @param sensors the sensors to read (e.g. its product model's); empty reads every sensor the store has, which
     *                costs more where the store holds many product models' sensors side by side
     */
    DeviceHistory deviceHistory(String deviceId, Set<String> sensors, TimeRange range, Resolution resolution);

    /** {@link #deviceHistory(String, Set, TimeRange, Resolution)} of every sensor. */
    default DeviceHistory deviceHistory(String deviceId, TimeRange range, Resolution resolution) {
        return deviceHistory(deviceId, Set.of(), range, resolution);
    }

    /**
     * Every device of {@code productModel} in {@code range}, per bucket and sensor: the mean of the devices' means,
     * the smallest and largest reading, and how many devices reported.
     */
    FleetHistory fleetHistory(String productModel, TimeRange range, Resolution resolution);

    /**
     * Streams every raw reading of the selection in {@code range} to {@code rows}, in time order, one at a time (the
     * export is never held in memory whole).
     *
     * @return how many rows were passed on
     */
    long exportTraining(TrainingSelection selection, TimeRange range, Consumer<TrainingRow> rows);

    /** Which store this reads, for messages: e.g. {@code QuestDB at jdbc:postgresql://localhost:8812/qdb}. */
    String store();

    @Override
    void close();

    /** The adapter {@code config} selects. */
    static TimeSeriesReader open(TimeSeriesReadConfig config) {
        return switch (config.store()) {
            case QUESTDB -> new QuestDbTimeSeriesReader(config);
            case INFLUXDB -> new InfluxQlTimeSeriesReader(config);
        };
    }
}
