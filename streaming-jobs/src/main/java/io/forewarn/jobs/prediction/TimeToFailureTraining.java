package io.forewarn.jobs.prediction;

import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import io.forewarn.jobs.models.ScoredReading;
import io.forewarn.jobs.models.TimeToFailureModel;
import io.forewarn.jobs.models.TrainedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a product model's supervised time-to-failure model on run-to-failure history. Each device's readings go
 * through the job's own per-device steps (features, the anomaly model, {@link DevicePrognosis}), and every reading
 * that falls in a degradation episode becomes an example: the episode's state, labelled with the hours until the
 * device's next failure ({@link DevicePrognosis#HORIZON} when none comes within it: an episode that leads nowhere
 * teaches "not soon"). Readings in the day after a failure are left out: the device is broken or being repaired.
 */
public final class TimeToFailureTraining {
    /** Keep every 6th episode reading (half an hour of 5-minute readings): neighbours say nearly the same. */
    static final int EVERY = 6;
    static final Duration AFTER_FAILURE = Duration.ofDays(1);

    private TimeToFailureTraining() {}

    /** A failure in the history; {@code failureMode} may be null when the record does not say. */
    public record Failure(String failureMode, Instant at) {}

    /** One device's readings in time order, and its failures. */
    public record DeviceHistory(String deviceId, List<TelemetryMessage> readings, List<Failure> failures) {}

    /**
     * @throws IllegalArgumentException when the history gives too few examples (no failures, or too few episodes)
     */
    public static TimeToFailureModel train(ProductModel model, TrainedModel anomalyModel, List<DeviceHistory> histories, long seed) {
        FeatureLayout layout = FeatureLayout.of(model);
        SignatureMatch match = new SignatureMatch(layout, model.failureModes());
        double horizonHours = DevicePrognosis.HORIZON.toHours();
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Integer> device = new ArrayList<>();
        long failures = histories.stream().mapToLong(h -> h.failures().size()).sum();
        if (failures == 0) {
            throw new IllegalArgumentException(model.id() + ": no failures in the history: a time-to-failure model needs run-to-failure history");
        }
        for (int d = 0; d < histories.size(); d++) {
            DeviceHistory history = histories.get(d);
            RollingFeatures features = new RollingFeatures();
            DevicePrognosis prognosis = new DevicePrognosis(match.modeCount());
            int inEpisode = 0;
            for (TelemetryMessage reading : history.readings()) {
                if (!layout.isMonitored(reading.mode())) {
                    continue; // as the job's features step does
                }
                FeatureVector v = features.update(layout, reading);
                if (!features.warmedUp()) {
                    continue;
                }
                prognosis.observe(new ScoredReading(v, anomalyModel.score(v.normalised()), anomalyModel.threshold(), anomalyModel.version()),
                        model, layout, match);
                double[] state = prognosis.episodeState();
                if (state == null || inEpisode++ % EVERY != 0 || justFailed(history, reading.eventTime())) {
                    continue;
                }
                x.add(state);
                y.add(hoursToNextFailure(history, reading.eventTime(), horizonHours));
                device.add(d);
            }
        }
        try {
            return TimeToFailureModel.fit(DevicePrognosis.EPISODE_STATE, x.toArray(double[][]::new),
                    y.stream().mapToDouble(Double::doubleValue).toArray(), device.stream().mapToInt(Integer::intValue).toArray(),
                    horizonHours, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model.id() + ": " + e.getMessage() + " (readings in degradation episodes)", e);
        }
    }

    private static boolean justFailed(DeviceHistory history, Instant t) {
        return history.failures().stream().anyMatch(f -> !t.isBefore(f.at()) && t.isBefore(f.at().plus(AFTER_FAILURE)));
    }

    private static double hoursToNextFailure(DeviceHistory history, Instant t, double horizonHours) {
        double hours = horizonHours;
        for (Failure f : history.failures()) {
            if (!f.at().isBefore(t)) {
                hours = Math.min(hours, Duration.between(t, f.at()).toMinutes() / 60.0);
            }
        }
        return hours;
    }
}
