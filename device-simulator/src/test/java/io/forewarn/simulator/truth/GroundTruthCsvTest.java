package io.forewarn.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthCsvTest {
    @TempDir Path dir;

    @Test
    void writtenFileHasTheDocumentedHeaderAndReadsBackTheSameRows() throws Exception {
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withStart(Instant.parse("2026-11-25T00:00:00Z")));
        Path file = dir.resolve("out/truth.csv");
        GroundTruthCsv.write(file, fleet.groundTruth());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("device_id,product_model,failure_mode,fault_kind,onset_at,failure_at");
        assertThat(lines).hasSize(1 + fleet.groundTruth().size());
        GroundTruth first = fleet.groundTruth().get(0);
        assertThat(lines.get(1)).isEqualTo(first.deviceId() + "," + first.productModel() + "," + first.failureMode()
                + ",gradual," + first.onsetAt() + "," + first.failureAt());
        assertThat(GroundTruthCsv.read(file)).isEqualTo(fleet.groundTruth());
    }

    @Test
    void aMalformedRowIsReportedWithItsLineNumber() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, GroundTruthCsv.HEADER + "\nac-inv-12k-0001,AC-INV-12K,refrigerant_leak,gradual,yesterday,2026-11-28T00:00:00Z\n");
        assertThatThrownBy(() -> GroundTruthCsv.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }
}
