package io.forewarn.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.truth.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay CSV read in process, for training and evaluation: the replay's mapping, checks and order. */
class RecordedDatasetTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    @TempDir Path dir;

    @Test
    void aFileWrittenDeviceByDeviceIsReadInEventTimeOrderWithEachDeviceNumberingItsReadings() throws IOException {
        Path file = dir.resolve("pumps.csv");
        Files.writeString(file, """
                time,machine,vib
                2026-01-01T00:00:00Z,p1,1.0
                2026-01-01T00:10:00Z,p1,1.2
                2026-01-01T00:05:00Z,p2,2.0
                2026-01-01T00:15:00Z,p2,
                2026-01-01T00:20:00Z,p2,2.2
                """);
        ColumnMapping mapping = RecordedDataset.mapping(List.of("--timestamp-column", "time", "--device-column=machine",
                "--model", "PUMP-CEN-15KW", "--map", "vib=vibration_rms"));

        RecordedDataset data = RecordedDataset.scan(file, mapping, CATALOG);
        List<TelemetryMessage> readings = new ArrayList<>();
        data.forEach(readings::add);

        assertThat(data.rows()).isEqualTo(4);
        assertThat(data.devices()).containsOnlyKeys("p1", "p2");
        assertThat(data.sensorColumns()).containsExactly("vib -> vibration_rms");
        assertThat(readings).extracting(m -> m.deviceId() + "#" + m.seq() + "=" + m.metrics().get("vibration_rms").value())
                .containsExactly("p1#1=1.0", "p2#1=2.0", "p1#2=1.2", "p2#2=2.2");
        assertThat(readings).allSatisfy(m -> assertThat(m.productModel()).isEqualTo("PUMP-CEN-15KW"));

        Path events = dir.resolve("events.csv");
        Files.writeString(events, "device_id,time,type,failure_mode\np2,2026-01-01T01:00:00Z,FAILURE,cavitation\n");
        assertThat(data.events(events)).singleElement().isInstanceOfSatisfying(GroundTruth.class,
                g -> assertThat(g.failureMode()).isEqualTo("cavitation"));
    }

    @Test
    void onlyTheColumnMappingFlagsAreAccepted() {
        assertThatThrownBy(() -> RecordedDataset.mapping(List.of("--speed", "max")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a column-mapping flag: --speed");
        assertThatThrownBy(() -> RecordedDataset.mapping(List.of("--map", "vib")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--map: expected COLUMN=SENSOR");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> RecordedDataset.scan(dir.resolve("none.csv"), ColumnMapping.empty(), CATALOG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("none.csv: no such file or not readable");
    }
}
