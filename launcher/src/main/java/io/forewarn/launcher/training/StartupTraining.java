package io.forewarn.launcher.training;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.models.TrainedModel;
import io.forewarn.simulator.fleet.HealthyHistory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Trains a first anomaly model for every product model that has none, on the simulator's healthy fleet: its readings
 * in monitored operating modes, the ones the job scores.
 */
public final class StartupTraining {
    static final int DEVICES = 24;
    static final Duration SPAN = Duration.ofDays(4);

    private StartupTraining() {}

    /** @return how many models were trained (0 when every product model already has one) */
    public static int ensureModels(ProductCatalog catalog, ModelStore store, long seed, PrintStream progress) {
        return train(catalog, store, seed, progress, false);
    }

    /** Trains the product models without a model, or with {@code newVersions} every product model. */
    public static int train(ProductCatalog catalog, ModelStore store, long seed, PrintStream progress, boolean newVersions) {
        return train(catalog, store, seed, progress, newVersions, false);
    }

    /**
     * As {@link #train(ProductCatalog, ModelStore, long, PrintStream, boolean)}; with {@code supervised} each model
     * also gets a time-to-failure model, trained on a simulated run-to-failure fleet (another seed than any
     * evaluation's).
     */
    public static int train(ProductCatalog catalog, ModelStore store, long seed, PrintStream progress, boolean newVersions,
                            boolean supervised) {
        int trained = 0;
        RunToFailureFleet runToFailure = supervised ? new RunToFailureFleet(catalog, seed + 500) : null;
        List<ProductModel> models = catalog.models();
        for (int i = 0; i < models.size(); i++) {
            ProductModel model = models.get(i);
            if (!newVersions && store.latestVersion(model.id()).isPresent()) {
                continue;
            }
            long started = System.nanoTime();
            // Readings in monitored modes only, over as many days as it takes to have enough of them.
            List<TelemetryMessage> healthy = HealthyHistory.monitored(catalog, model, DEVICES, SPAN,
                    HealthyHistory.TRAINING_READINGS, seed + i);
            long days = healthy.isEmpty() ? 0
                    : Duration.between(healthy.get(0).eventTime(), healthy.get(healthy.size() - 1).eventTime()).toDays() + 1;
            int version = store.nextVersion(model.id());
            TrainedModel trainedModel = ModelTrainer.train(model, healthy, version,
                    "simulator healthy fleet: " + DEVICES + " devices x " + days + " days, monitored readings, seed " + (seed + i),
                    ModelTrainer.DEFAULT_FALSE_ALARM_RATE);
            progress.printf("  trained %-16s %s on %,d readings in %d ms (threshold %.3f)%n", model.id(),
                    trainedModel.version(), healthy.size(), (System.nanoTime() - started) / 1_000_000, trainedModel.threshold());
            if (runToFailure != null) {
                trainedModel = SupervisedTraining.add(trainedModel, model, runToFailure.histories(model), seed + i, progress);
            }
            store.save(trainedModel);
            trained++;
        }
        return trained;
    }
}
