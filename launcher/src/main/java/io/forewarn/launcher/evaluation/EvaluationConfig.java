package io.forewarn.launcher.evaluation;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.faults.FaultScenario;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The simulated fleet an evaluation replays, as plain values so the job's source can rebuild the same fleet on its
 * task. Every product is watched for {@code days}; faults begin on day 2 and end in failure between day 8 and 12.
 */
public record EvaluationConfig(int devices, int degradingDevices, int days, long seed, List<FaultKind> faultKinds)
        implements Serializable {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    public Duration span() {
        return Duration.ofDays(days);
    }

    public Fleet fleet(ProductCatalog catalog) {
        FleetConfig config = FleetConfig.defaults()
                .withDegradingDevices(degradingDevices)
                .withDevices(devices)
                .withSeed(seed)
                .withStart(START)
                .withFaultKinds(faultKinds);
        // A negative "onset before start" puts the onset two days after it: each device first shows its healthy self.
        FaultScenario scenario = new FaultScenario(degradingDevices, faultKinds, Duration.ofDays(-2),
                Duration.ofDays(8), Duration.ofDays(12));
        return Fleet.create(catalog, config, scenario);
    }
}
