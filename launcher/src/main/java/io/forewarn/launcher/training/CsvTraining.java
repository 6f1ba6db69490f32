package io.forewarn.launcher.training;

import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.models.TrainedModel;
import io.forewarn.jobs.models.TrainingData;
import io.forewarn.jobs.prediction.TimeToFailureTraining.DeviceHistory;
import io.forewarn.jobs.prediction.TimeToFailureTraining.Failure;
import io.forewarn.simulator.replay.RecordedDataset;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.MaintenanceRecord;
import io.forewarn.simulator.truth.TruthRow;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * Trains a new model version per product model of a recorded dataset (a telemetry CSV in the replay format, with
 * its optional events file). The anomaly model learns the healthy periods: every reading except those in the
 * {@link #BEFORE_FAILURE} before a failure, those from a failure until {@link #AFTER_EVENT} after the device's next
 * maintenance event (to the end of the data when none is recorded), and those within {@link #AFTER_EVENT} either
 * side of any maintenance event. With {@code supervised} and failures in the events, each
 * model also gets a time-to-failure model trained on the devices' whole histories.
 */
public final class CsvTraining {
    /**
     * Before a failure the device may already be degrading: not healthy. Two weeks covers the wear the simulator
     * and the catalog's failure modes describe (onset up to 10 days before the failure).
     */
    public static final Duration BEFORE_FAILURE = Duration.ofDays(14);
    /** After a failure (until it is fixed) and around a maintenance visit the readings are not the device's normal. */
    public static final Duration AFTER_EVENT = Duration.ofDays(1);

    private CsvTraining() {}

    /** A period of one device's readings left out of the healthy training data; {@code failed}: broken, not degrading. */
    record Excluded(String deviceId, Instant from, Instant to, String reason, boolean failed) {
        boolean covers(TelemetryMessage m) {
            return m.deviceId().equals(deviceId) && !m.eventTime().isBefore(from) && m.eventTime().isBefore(to);
        }

        @Override
        public String toString() {
            return deviceId + " " + from + " to " + to + " (" + reason + ")";
        }
    }

    /** @return how many models were trained; product models with too few healthy readings are reported and skipped */
    public static int train(RecordedDataset data, List<TruthRow> events, ModelStore store, boolean supervised, long seed,
                            PrintStream progress) {
        List<Excluded> excluded = excludedWindows(events, data.lastTime().plusSeconds(1));
        Map<String, List<Excluded>> excludedByDevice = new LinkedHashMap<>();
        excluded.forEach(x -> excludedByDevice.computeIfAbsent(x.deviceId(), k -> new ArrayList<>()).add(x));
        Map<String, List<TelemetryMessage>> byModel = new LinkedHashMap<>();
        data.forEach(m -> byModel.computeIfAbsent(m.productModel(), k -> new ArrayList<>()).add(m));
        int trained = 0;
        for (Map.Entry<String, List<TelemetryMessage>> e : byModel.entrySet()) {
            ProductModel model = data.devices().values().stream().filter(p -> p.id().equals(e.getKey())).findFirst().orElseThrow();
            List<TelemetryMessage> all = e.getValue();
            List<TelemetryMessage> healthy = all.stream()
                    .filter(m -> excludedByDevice.getOrDefault(m.deviceId(), List.of()).stream().noneMatch(x -> x.covers(m))).toList();
            List<String> windows = excluded.stream().filter(x -> data.devices().get(x.deviceId()).id().equals(model.id()))
                    .map(Excluded::toString).toList();
            long started = System.nanoTime();
            TrainingData description = new TrainingData(data.file().toString(), healthy.size(),
                    (int) healthy.stream().map(TelemetryMessage::deviceId).distinct().count(),
                    healthy.isEmpty() ? null : healthy.get(0).eventTime(),
                    healthy.isEmpty() ? null : healthy.get(healthy.size() - 1).eventTime(), data.sensorColumns(), windows);
            TrainedModel trainedModel;
            try {
                trainedModel = ModelTrainer.train(model, healthy, store.nextVersion(model.id()), description,
                        ModelTrainer.DEFAULT_FALSE_ALARM_RATE);
            } catch (IllegalArgumentException tooFew) {
                progress.printf("  skipped %-16s %,d of %,d readings healthy: %s%n", model.id(), healthy.size(), all.size(), tooFew.getMessage());
                continue;
            }
            progress.printf("  trained %-16s %s on %,d healthy of %,d readings (%d devices, %d windows excluded) in %d ms (threshold %.3f)%n",
                    model.id(), trainedModel.version(), healthy.size(), all.size(), description.devices(), windows.size(),
                    (System.nanoTime() - started) / 1_000_000, trainedModel.threshold());
            if (supervised) {
                trainedModel = SupervisedTraining.add(trainedModel, model, histories(all, events, excludedByDevice), seed, progress);
            }
            store.save(trainedModel);
            trained++;
        }
        return trained;
    }

    /** The windows the class comment describes; {@code end} closes a failure with no repair after it. */
    static List<Excluded> excludedWindows(List<TruthRow> events, Instant end) {
        List<Excluded> windows = new ArrayList<>();
        for (TruthRow row : events) {
            if (row instanceof GroundTruth g) {
                String failure = "failure" + (g.failureMode() == null ? "" : " " + g.failureMode()) + " at " + g.failureAt();
                windows.add(new Excluded(g.deviceId(), g.failureAt().minus(BEFORE_FAILURE), g.failureAt(), "before " + failure, false));
                // Broken until repaired: readings after a failure are the failure's, not the device's normal.
                Optional<MaintenanceRecord> repair = events.stream().filter(MaintenanceRecord.class::isInstance).map(MaintenanceRecord.class::cast)
                        .filter(r -> r.deviceId().equals(g.deviceId()) && !r.at().isBefore(g.failureAt())).findFirst();
                windows.add(new Excluded(g.deviceId(), g.failureAt(), repair.map(r -> r.at().plus(AFTER_EVENT)).orElse(end),
                        failure + (repair.isPresent() ? ", until a day after the " + repair.get().type().name().toLowerCase(Locale.ROOT)
                                + " at " + repair.get().at() : ", no repair recorded after it"), true));
            } else if (row instanceof MaintenanceRecord r) {
                windows.add(new Excluded(r.deviceId(), r.at().minus(AFTER_EVENT), r.at().plus(AFTER_EVENT),
                        r.type().name().toLowerCase(Locale.ROOT) + " at " + r.at(), false));
            }
        }
        return windows;
    }

    // Each device's readings, but for those while it was broken, and its failures.
    private static List<DeviceHistory> histories(List<TelemetryMessage> readings, List<TruthRow> events,
                                                 Map<String, List<Excluded>> excluded) {
        Map<String, List<TelemetryMessage>> byDevice = new LinkedHashMap<>();
        readings.stream().filter(m -> excluded.getOrDefault(m.deviceId(), List.of()).stream().noneMatch(x -> x.failed() && x.covers(m)))
                .forEach(m -> byDevice.computeIfAbsent(m.deviceId(), k -> new ArrayList<>()).add(m));
        List<DeviceHistory> histories = new ArrayList<>();
        byDevice.forEach((device, messages) -> histories.add(new DeviceHistory(device, messages, events.stream()
                .filter(r -> r instanceof GroundTruth && r.deviceId().equals(device))
                .map(r -> new Failure(((GroundTruth) r).failureMode(), ((GroundTruth) r).failureAt())).toList())));
        return histories;
    }
}
