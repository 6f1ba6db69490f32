package io.forewarn.launcher.training;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.jobs.models.ModelStore;
import java.nio.file.Path;

/** {@code ./forewarn train}: trains models on the simulator's healthy fleet (CSV and time-series sources come with issue 4). */
public final class TrainCommand {
    private static final String USAGE = """
            usage: ./forewarn train [--models DIR] [--seed N] [--force]
              --models DIR   model directory (default: $FOREWARN_MODEL_DIR or forewarn-data/models)
              --seed N       simulator seed for the healthy training fleet (default 7)
              --force        train a new version even where a model exists
            """;

    private TrainCommand() {}

    public static int run(String[] args) {
        Path dir = Path.of(System.getenv().getOrDefault("FOREWARN_MODEL_DIR", "forewarn-data/models"));
        long seed = 7;
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> dir = Path.of(value(args, ++i, "--models"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--force" -> force = true;
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
