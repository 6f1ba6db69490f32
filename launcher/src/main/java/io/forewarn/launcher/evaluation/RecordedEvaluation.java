package io.forewarn.launcher.evaluation;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.launcher.training.CsvTraining;
import io.forewarn.simulator.fleet.DeviceProfile;
import io.forewarn.simulator.replay.ColumnMapping;
import io.forewarn.simulator.replay.RecordedDataset;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.TruthRow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays a recorded dataset (a telemetry CSV in the replay format and its events file) through the real job
 * ({@link JobReplay}) and scores the tickets against the events' failures. The models are the ones in a given
 * directory, or else trained first on the dataset's own healthy periods ({@link CsvTraining}).
 */
public final class RecordedEvaluation {
    private RecordedEvaluation() {}

    /**
     * @param models a model directory to score with (its newest versions), or null to train on the dataset first
     * @throws IllegalArgumentException for a bad file, mapping or events file, naming the file, line and field
     */
    public static Scorecard run(Path csv, ColumnMapping mapping, Path eventsFile, Path models, boolean supervised,
                                Path workDir, PrintStream console) throws Exception {
        ProductCatalog catalog = ProductCatalog.load();
        RecordedDataset data = RecordedDataset.scan(csv, mapping, catalog);
        List<TruthRow> events = data.events(eventsFile);
        List<GroundTruth> failures = events.stream().filter(GroundTruth.class::isInstance).map(GroundTruth.class::cast).toList();
        double deviceDays = data.devices().size() * Duration.between(data.firstTime(), data.lastTime()).toMinutes() / 1440.0;
        console.printf("dataset: %s, %,d readings of %d devices from %s to %s, %d failures in %s%n", csv, data.rows(),
                data.devices().size(), data.firstTime(), data.lastTime(), failures.size(), eventsFile);
        List<Scorecard.Ticket> tickets = JobReplay.run(catalog, profiles(data), store -> {
            if (models == null) {
                console.println("training the anomaly models on the dataset's healthy periods (in-sample: see docs/models.md):");
                CsvTraining.train(data, events, store, supervised, 7, console);
            } else {
                console.println("scoring with the newest models in " + models);
                copyLatest(new ModelStore(models), store);
            }
        }, new RecordedReadings(csv, mapping, catalog), data.rows(), workDir, console);
        return Scorecard.score(failures, tickets, deviceDays);
    }

    // The dataset's devices, registered as one customer's so the job's directory knows them.
    private static List<DeviceProfile> profiles(RecordedDataset data) {
        LocalDate installed = data.firstTime().atZone(ZoneOffset.UTC).toLocalDate();
        List<DeviceProfile> profiles = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, ProductModel> d : data.devices().entrySet()) {
            profiles.add(new DeviceProfile(d.getKey(), d.getValue().id(), "dataset-owner", "Dataset owner", "en",
                    "owner@example.com", DeviceProfile.REGIONS.get(i++ % DeviceProfile.REGIONS.size()), installed,
                    installed.plusYears(2)));
        }
        return profiles;
    }

    private static void copyLatest(ModelStore from, ModelStore to) {
        Map<String, Path> files = from.latestFiles();
        if (files.isEmpty()) throw new IllegalArgumentException(from.root() + ": no model files (train some with ./forewarn train --csv)");
        files.forEach((productModel, file) -> {
            try {
                Path dir = Files.createDirectories(to.root().resolve(productModel));
                Files.copy(file, dir.resolve(file.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + file + ": " + e.getMessage(), e);
            }
        });
    }
}
