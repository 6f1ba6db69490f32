package io.forewarn.launcher.training;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.launcher.evaluation.EvaluationConfig;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small recorded dataset written from the simulator, as a user would export one: the pumps of a simulated fleet,
 * their readings in the monitored (running) mode in the replay CSV format, and their failures as an events file.
 */
public record RecordedFixture(Path csv, Path events, List<GroundTruth> failures, int devices, long rows) {
    public static final String MODEL = "PUMP-CEN-15KW";

    public static RecordedFixture write(Path dir, int fleetSize, int degrading, long seed) {
        ProductCatalog catalog = ProductCatalog.builtIn();
        ProductModel model = catalog.require(MODEL);
        EvaluationConfig config = new EvaluationConfig(fleetSize, degrading, 13, seed, List.of(FaultKind.GRADUAL));
        Fleet fleet = config.fleet(catalog);
        List<SimulatedDevice> pumps = fleet.devices().stream().filter(d -> d.model().id().equals(MODEL)).toList();
        List<GroundTruth> failures = fleet.groundTruth().stream().filter(t -> t.productModel().equals(MODEL)).toList();
        long perDevice = config.span().toSeconds() / model.sampleIntervalSeconds();
        Path csv = dir.resolve("pumps.csv");
        Path events = dir.resolve("pump-events.csv");
        long rows = 0;
        try (Writer out = Files.newBufferedWriter(csv)) {
            out.write("timestamp,device_id," + model.sensors().stream().map(SensorSpec::name).collect(Collectors.joining(",")) + "\n");
            for (long seq = 1; seq <= perDevice; seq++) {
                for (SimulatedDevice pump : pumps) {
                    TelemetryMessage m = pump.message(seq);
                    if (!model.isMonitored(m.mode())) continue;  // the format has no mode column: export running readings
                    List<String> fields = new ArrayList<>(List.of(m.eventTime().toString(), m.deviceId()));
                    for (SensorSpec s : model.sensors()) {
                        TelemetryMessage.Metric metric = m.metrics().get(s.name());
                        fields.add(metric == null ? "" : Double.toString(metric.value()));
                    }
                    out.write(String.join(",", fields) + "\n");
                    rows++;
                }
            }
            List<String> lines = new ArrayList<>(List.of("device_id,time,type,failure_mode"));
            failures.forEach(t -> lines.add(t.deviceId() + "," + t.failureAt() + ",FAILURE," + t.failureMode()));
            Files.write(events, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordedFixture(csv, events, failures, pumps.size(), rows);
    }
}
