package io.forewarn.launcher.training;

import io.forewarn.alerts.timeseries.TimeRange;
import io.forewarn.alerts.timeseries.TimeSeriesReadConfig;
import io.forewarn.alerts.timeseries.TimeSeriesReader;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.simulator.replay.RecordedDataset;
import io.forewarn.simulator.truth.TruthRow;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./forewarn train}: trains models on the simulator's healthy fleet, with {@code --from-store} on the readings
 * in the time-series store, or with {@code --csv} on a recorded dataset in the replay format.
 */
public final class TrainCommand {
    private static final String USAGE = """
            usage: ./forewarn train [--models DIR] [--seed N] [--force] [--supervised]
                   ./forewarn train --from-store [--days N] [--models DIR]
                   ./forewarn train --csv FILE [--events FILE] [column mapping] [--supervised] [--models DIR]
              --models DIR   model directory (default: $FOREWARN_MODEL_DIR or forewarn-data/models)
              --seed N       simulator seed for the healthy training fleet (default 7)
              --force        train a new version even where a model exists
              --supervised   also train a time-to-failure model from run-to-failure history (a simulated fleet, or
                             the CSV's failures), stored in the same model file; the job then uses it beside the
                             trend extrapolation (docs/models.md)
              --from-store   train a new version of every product model on the readings in the time-series store
                             ($FOREWARN_TIMESERIES_READ and its settings, README "Alerts API") instead of the simulator
              --days N       with --from-store: the last N days of readings (default 30)
              --csv FILE     train a new version of every product model in FILE (the replay CSV format,
                             device-simulator/README.md) on its healthy periods (docs/models.md)
              --events FILE  with --csv: the dataset's failures and maintenance (device_id,time,type[,failure_mode])
              column mapping, as for replay: --model M (or --product-model M), --model-column C, --map COLUMN=SENSOR,
                             --timestamp-column C, --device-column C, --config MAPPING.json
            """;

    private TrainCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of(System.getenv().getOrDefault("FOREWARN_MODEL_DIR", "forewarn-data/models"));
        long seed = 7;
        boolean force = false;
        boolean fromStore = false;
        boolean supervised = false;
        int days = 30;
        Path csv = null;
        Path events = null;
        List<String> mapping = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--models" -> dir = Path.of(value(args, ++i, "--models"));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--force" -> force = true;
                    case "--supervised" -> supervised = true;
                    case "--from-store" -> fromStore = true;
                    case "--days" -> days = Integer.parseInt(value(args, ++i, "--days"));
                    case "--csv" -> csv = Path.of(value(args, ++i, "--csv"));
                    case "--events" -> events = Path.of(value(args, ++i, "--events"));
                    case "--product-model" -> mapping.addAll(List.of("--model", value(args, ++i, "--product-model")));
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        if (!RecordedDataset.MAPPING_FLAGS.contains(args[i])) {
                            err.println("unknown option: " + args[i]);
                            err.print(USAGE);
                            return 2;
                        }
                        mapping.addAll(List.of(args[i], value(args, ++i, args[i])));
                    }
                }
            }
            if (csv == null && (events != null || !mapping.isEmpty())) {
                throw new IllegalArgumentException("--events and the column mapping go with --csv FILE");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        ProductCatalog catalog = ProductCatalog.load();
        ModelStore store = new ModelStore(dir);
        out.println("training anomaly models into " + dir.toAbsolutePath());
        if (csv != null) {
            return fromCsv(csv, events, mapping, catalog, store, supervised, seed, out, err);
        }
        if (fromStore) {
            TimeRange range = TimeRange.ending(Instant.now(), Duration.ofDays(days));
            try (TimeSeriesReader reader = TimeSeriesReader.open(TimeSeriesReadConfig.fromEnv())) {
                out.println("on the readings of " + range + " in " + reader.store());
                int trained = StoreTraining.train(catalog, store, reader, range, out);
                out.println("done: " + trained + " models");
                return trained == 0 ? 1 : 0;
            }
        }
        int trained = StartupTraining.train(catalog, store, seed, out, force, supervised);
        out.println(trained == 0 ? "every product model already has a model (use --force for a new version)" : "done: " + trained + " models");
        return 0;
    }

    private static int fromCsv(Path csv, Path eventsFile, List<String> mapping, ProductCatalog catalog, ModelStore store,
                               boolean supervised, long seed, PrintStream out, PrintStream err) {
        RecordedDataset data;
        List<TruthRow> events;
        try {
            data = RecordedDataset.scan(csv, RecordedDataset.mapping(mapping), catalog);
            events = eventsFile == null ? List.of() : data.events(eventsFile);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        out.printf("on %s: %,d rows of %d devices from %s to %s; sensors %s%s%n", csv, data.rows(), data.devices().size(),
                data.firstTime(), data.lastTime(), String.join(", ", data.sensorColumns()),
                eventsFile == null ? "; no events file: every reading counts as healthy" : "; " + events.size() + " events from " + eventsFile);
        int trained = CsvTraining.train(data, events, store, supervised, seed, out);
        out.println("done: " + trained + " models");
        return trained == 0 ? 1 : 0;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
