package io.forewarn.launcher.evaluation;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.launcher.training.StartupTraining;
import io.forewarn.simulator.fleet.Fleet;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Replays a simulated fleet with known ground truth through the real job ({@link JobReplay}) and scores the tickets
 * it opened.
 */
public final class SimulatedEvaluation {
    private SimulatedEvaluation() {}

    public static Scorecard run(EvaluationConfig config, Path workDir, PrintStream console) throws Exception {
        return run(config, false, workDir, console);
    }

    /** @param supervised also train and use the supervised time-to-failure model (on another simulated fleet) */
    public static Scorecard run(EvaluationConfig config, boolean supervised, Path workDir, PrintStream console) throws Exception {
        ProductCatalog catalog = ProductCatalog.load();
        Fleet fleet = config.fleet(catalog);
        long perDevice = FleetReadings.readingsPerDevice(config, catalog);
        long readings = perDevice * config.devices();
        console.printf("fleet: %d products (%d degrading: %s), %d days, %,d readings%n", config.devices(),
                config.degradingDevices(), config.faultKinds(), config.days(), readings);
        List<Scorecard.Ticket> tickets = JobReplay.run(catalog, fleet.profiles(), store -> {
            console.println("training the anomaly models on healthy simulated data" + (supervised
                    ? ", and the time-to-failure models on a run-to-failure fleet:" : ":"));
            StartupTraining.train(catalog, store, config.seed() + 1_000, console, false, supervised);
        }, new FleetReadings(config), readings, workDir, console);
        return Scorecard.score(fleet.groundTruth(), tickets, config.devices(), config.span());
    }
}
