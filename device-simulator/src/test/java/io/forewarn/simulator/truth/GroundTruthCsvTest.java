package io.forewarn.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.contracts.service.MaintenanceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthCsvTest {
    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir Path dir;

    @Test
    void writtenFileHasTheDocumentedHeaderAndReadsBackTheSameRows() throws Exception {
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withStart(Instant.parse("2026-11-25T00:00:00Z")));
        Path file = dir.resolve("out/truth.csv");
        GroundTruthCsv.write(file, fleet.groundTruth());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("device_id,product_model,event,failure_mode,fault_kind,onset_at,at,ticket_id");
        assertThat(lines).hasSize(1 + fleet.groundTruth().size());
        GroundTruth first = fleet.groundTruth().get(0);
        assertThat(lines.get(1)).isEqualTo(first.deviceId() + "," + first.productModel() + ",failure," + first.failureMode()
                + ",gradual," + first.onsetAt() + "," + first.failureAt() + ",");
        assertThat(GroundTruthCsv.read(file)).isEqualTo(fleet.groundTruth());
    }

    @Test
    void maintenanceRowsAndUnknownFieldsRoundTrip() {
        List<TruthRow> rows = List.of(
                new GroundTruth("pump-1", "PUMP-CEN-15KW", "cavitation", FaultKind.GRADUAL, T.minusSeconds(86_400), T),
                new MaintenanceRecord("pump-1", "PUMP-CEN-15KW", MaintenanceType.REPAIR, T.plusSeconds(3600), "cavitation", "T-17"),
                new MaintenanceRecord("pump-2", "PUMP-CEN-15KW", MaintenanceType.PREVENTIVE_SERVICE, T, null, null),
                // a replayed dataset: onset and kind unknown, a failure mode with a comma that must be quoted
                new GroundTruth("m,3", "PUMP-CEN-15KW", "comp \"2\", left", null, null, T));
        Path file = dir.resolve("truth.csv");
        GroundTruthCsv.write(file, rows);
        assertThat(GroundTruthCsv.readAll(file)).isEqualTo(rows);
        assertThat(GroundTruthCsv.read(file)).containsExactly((GroundTruth) rows.get(0), (GroundTruth) rows.get(3));
    }

    @Test
    void theLogAppendsServiceVisitsAfterTheInitialRows() throws Exception {
        Path file = dir.resolve("log/truth.csv");
        GroundTruth failure = new GroundTruth("ac-1", "AC-INV-12K", "refrigerant_leak", FaultKind.GRADUAL, T.minusSeconds(7200), T);
        MaintenanceRecord repair = new MaintenanceRecord("ac-1", "AC-INV-12K", MaintenanceType.REPAIR, T.minusSeconds(3600), "refrigerant_leak", "T-1");
        try (GroundTruthLog log = GroundTruthLog.create(file, List.of(failure))) {
            assertThat(GroundTruthCsv.readAll(file)).as("flushed at creation").containsExactly(failure);
            log.accept(repair);
            assertThat(GroundTruthCsv.readAll(file)).as("flushed per row").containsExactly(failure, repair);
        }
    }

    @Test
    void aMalformedRowIsReportedWithItsLineNumberAndField() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, GroundTruthCsv.HEADER + "\nac-inv-12k-0001,AC-INV-12K,failure,refrigerant_leak,gradual,yesterday,2026-11-28T00:00:00Z,\n");
        assertThatThrownBy(() -> GroundTruthCsv.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("onset_at");
        Files.writeString(file, GroundTruthCsv.HEADER + "\nac-inv-12k-0001,AC-INV-12K,explosion,,,,2026-11-28T00:00:00Z,\n");
        assertThatThrownBy(() -> GroundTruthCsv.read(file)).hasMessageContaining("line 2: event: expected one of [failure, repair, preventive_service]");
    }
}
