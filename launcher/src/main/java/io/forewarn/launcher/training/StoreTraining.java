package io.forewarn.launcher.training;

import io.forewarn.alerts.timeseries.TimeRange;
import io.forewarn.alerts.timeseries.TimeSeriesReader;
import io.forewarn.alerts.timeseries.TrainingRow;
import io.forewarn.alerts.timeseries.TrainingSelection;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.models.TrainedModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a new model version per product model on the readings stored in the time-series store (the training export
 * of {@link TimeSeriesReader}), keeping those taken in monitored operating modes, as the job scores them. The
 * operator picks a range the fleet was healthy in: the store does not know which readings preceded a failure.
 */
public final class StoreTraining {
    private StoreTraining() {}

    /** @return how many models were trained; product models with too few readings are reported and skipped */
    public static int train(ProductCatalog catalog, ModelStore store, TimeSeriesReader reader, TimeRange range, PrintStream progress) {
        int trained = 0;
        for (ProductModel model : catalog.models()) {
            long started = System.nanoTime();
            Map<String, Long> seqByDevice = new HashMap<>();
            List<TelemetryMessage> readings = new ArrayList<>();
            long exported = reader.exportTraining(TrainingSelection.productModel(model.id()), range, row -> {
                if (model.isMonitored(row.mode())) {
                    long seq = seqByDevice.merge(row.deviceId(), 1L, Long::sum);
                    readings.add(toMessage(model, row, seq));
                }
            });
            try {
                int version = store.nextVersion(model.id());
                TrainedModel trainedModel = ModelTrainer.train(model, readings, version,
                        reader.store() + ": " + readings.size() + " monitored readings of " + seqByDevice.size() + " devices in " + range,
                        ModelTrainer.DEFAULT_FALSE_ALARM_RATE);
                store.save(trainedModel);
                trained++;
                progress.printf("  trained %-16s %s on %,d of %,d stored readings (%d devices) in %d ms (threshold %.3f)%n",
                        model.id(), trainedModel.version(), readings.size(), exported, seqByDevice.size(),
                        (System.nanoTime() - started) / 1_000_000, trainedModel.threshold());
            } catch (IllegalArgumentException tooFew) {
                progress.printf("  skipped %-16s %,d stored readings (%,d monitored) in %s: %s%n",
                        model.id(), exported, readings.size(), range, tooFew.getMessage());
            }
        }
        return trained;
    }

    private static TelemetryMessage toMessage(ProductModel model, TrainingRow row, long seq) {
        Map<String, TelemetryMessage.Metric> metrics = new LinkedHashMap<>();
        for (SensorSpec sensor : model.sensors()) {
            Double value = row.sensors().get(sensor.name());
            if (value != null) {
                metrics.put(sensor.name(), new TelemetryMessage.Metric(value, sensor.unit()));
            }
        }
        return new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, row.deviceId(), row.productModel(), row.time(), seq,
                row.mode(), metrics);
    }
}
