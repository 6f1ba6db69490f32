package io.forewarn.launcher.training;

import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.jobs.models.TimeToFailureModel;
import io.forewarn.jobs.models.TrainedModel;
import io.forewarn.jobs.prediction.TimeToFailureTraining;
import io.forewarn.jobs.prediction.TimeToFailureTraining.DeviceHistory;
import java.io.PrintStream;
import java.util.List;

/** Adds a supervised time-to-failure model to a freshly trained anomaly model, or says why it cannot. */
final class SupervisedTraining {
    private SupervisedTraining() {}

    static TrainedModel add(TrainedModel anomalyModel, ProductModel model, List<DeviceHistory> histories, long seed, PrintStream progress) {
        long started = System.nanoTime();
        try {
            TimeToFailureModel ttf = TimeToFailureTraining.train(model, anomalyModel, histories, seed);
            progress.printf("    time to failure: random forest on %,d episode readings of %d devices in %d ms"
                            + " (held-out mean absolute error %.1f h)%n", ttf.examples(), ttf.devices(),
                    (System.nanoTime() - started) / 1_000_000, ttf.heldOutMeanAbsoluteErrorHours());
            return anomalyModel.withTimeToFailure(ttf);
        } catch (IllegalArgumentException tooLittle) {
            progress.println("    time to failure: none (" + tooLittle.getMessage() + "); the trend extrapolation alone estimates it");
            return anomalyModel;
        }
    }
}
