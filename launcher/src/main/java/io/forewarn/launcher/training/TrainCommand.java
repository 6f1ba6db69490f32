package io.forewarn.launcher.training;

import io.forewarn.alerts.timeseries.TimeRange;
import io.forewarn.alerts.timeseries.TimeSeriesReadConfig;
import io.forewarn.alerts.timeseries.TimeSeriesReader;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.jobs.models.ModelStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./forewarn train}: trains models on the simulator's healthy fleet, or with {@code --from-store} on the readings
 * in the time-series store (a CSV source comes with issue 4).
 */
public final class TrainCommand {
    private static final String USAGE = """
            usage: ./forewarn train [--models DIR] [--seed N] [--force] [--from-store [--days N]]
              --models DIR   model directory (default: $FOREWARN_MODEL_DIR or forewarn-data/models)
              --seed N       simulator seed for the healthy training fleet (default 7)
              --force        train a new version even where a model exists
              --from-store   train a new version of every product model on the readings in the time-series store
                             ($FOREWARN_TIMESERIES_READ and its settings, README "Alerts API") instead of the simulator
              --days N       with --from-store: the last N days of readings (default 30)
            """;

    private TrainCommand() {}

    public static int run(String[] args) {
        Path dir = Path.of(System.getenv().getOrDefault("FOREWARN_MODEL_DIR", "forewarn-data/models"));
        long seed = 7;
        boolean force = false;
        boolean fromStore = false;
        int days = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> dir = Path.of(value(args, ++i, "--models"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--force" -> force = true;
                case "--from-store" -> fromStore = true;
                case "--days" -> days = Integer.parseInt(value(args, ++i, "--days"));
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> {
                    System.err.println("unknown option: " + args[i]);
                    System.err.print(USAGE);
                    return 2;
                }
            }
        }
        ProductCatalog catalog = ProductCatalog.load();
        ModelStore store = new ModelStore(dir);
        System.out.println("training anomaly models into " + dir.toAbsolutePath());
        if (fromStore) {
            TimeRange range = TimeRange.ending(Instant.now(), Duration.ofDays(days));
            try (TimeSeriesReader reader = TimeSeriesReader.open(TimeSeriesReadConfig.fromEnv())) {
                System.out.println("on the readings of " + range + " in " + reader.store());
                int trained = StoreTraining.train(catalog, store, reader, range, System.out);
                System.out.println("done: " + trained + " models");
                return trained == 0 ? 1 : 0;
            }
        }
        int trained = StartupTraining.train(catalog, store, seed, System.out, force);
        System.out.println(trained == 0 ? "every product model already has a model (use --force for a new version)" : "done: " + trained + " models");
        return 0;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
