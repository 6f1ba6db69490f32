package io.forewarn.launcher.training;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.prediction.TimeToFailureTraining.DeviceHistory;
import io.forewarn.jobs.prediction.TimeToFailureTraining.Failure;
import io.forewarn.launcher.evaluation.EvaluationConfig;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Simulated run-to-failure history for the supervised time-to-failure models: a fleet like an evaluation's (a third
 * of it degrading, every fault kind), each device watched until it fails or for 14 days.
 */
final class RunToFailureFleet {
    static final int DEVICES = 120;
    static final int DEGRADING = 40;
    static final int DAYS = 14;

    private final Fleet fleet;
    private final Map<String, GroundTruth> truth;

    RunToFailureFleet(ProductCatalog catalog, long seed) {
        fleet = new EvaluationConfig(DEVICES, DEGRADING, DAYS, seed,
                List.of(FaultKind.GRADUAL, FaultKind.GRADUAL, FaultKind.INTERMITTENT, FaultKind.SUDDEN)).fleet(catalog);
        truth = fleet.groundTruth().stream().collect(Collectors.toMap(GroundTruth::deviceId, Function.identity()));
    }

    /** Every device of {@code model}: its readings up to its failure (or the end), and the failure. */
    List<DeviceHistory> histories(ProductModel model) {
        List<DeviceHistory> histories = new ArrayList<>();
        for (SimulatedDevice device : fleet.devices()) {
            if (!device.model().id().equals(model.id())) continue;
            GroundTruth t = truth.get(device.deviceId());
            long readings = DAYS * 86_400L / model.sampleIntervalSeconds();
            List<TelemetryMessage> messages = new ArrayList<>();
            for (long seq = 1; seq <= readings; seq++) {
                TelemetryMessage m = device.message(seq);
                if (t != null && m.eventTime().isAfter(t.failureAt())) break;
                messages.add(m);
            }
            histories.add(new DeviceHistory(device.deviceId(), messages,
                    t == null ? List.of() : List.of(new Failure(t.failureMode(), t.failureAt()))));
        }
        return histories;
    }
}
