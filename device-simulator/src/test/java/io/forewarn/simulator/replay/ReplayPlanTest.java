package io.forewarn.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checking pass: every problem with the header, the mapping or a row is found, named, before anything is published. */
class ReplayPlanTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final ColumnMapping PUMP = new ColumnMapping(null, null, "PUMP-CEN-15KW", null, Map.of("vib", "vibration_rms"));

    @TempDir Path dir;

    private Path csv(String content) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content);
        return file;
    }

    private ReplayPlan scan(Path file, ColumnMapping mapping, boolean skip) {
        return ReplayPlan.scan(file, mapping, CATALOG, skip, lines -> { });
    }

    @Test
    void aFileInTimeOrderIsOneRunWithItsDevicesAndSpan() throws Exception {
        Path file = csv("""
                \uFEFFtimestamp,device_id,vib
                2026-01-01T00:00:00Z,p1,1.5\r
                2026-01-01T00:00:00Z,p2,1.6\r
                2026-01-01T01:00:00Z,p1,\r

                2026-01-01T02:00:00Z,p2,1.7\r
                """);
        ReplayPlan plan = scan(file, PUMP, false);
        assertThat(plan.inTimeOrder()).isTrue();
        assertThat(plan.rows()).isEqualTo(3);
        assertThat(plan.gaps()).as("a row without any sensor value").isEqualTo(1);
        assertThat(plan.devices().keySet()).containsExactly("p1", "p2");
        assertThat(plan.firstTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(plan.lastTime()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
        assertThat(plan.format()).isEqualTo(TimestampFormat.ISO_8601);
    }

    @Test
    void aFileConcatenatedPerDeviceIsOneRunPerDevice() throws Exception {
        Path file = csv("timestamp,device_id,vib\n100,p1,1\n200,p1,2\n100,p2,3\n200,p2,4\n150,p3,5\n");
        ReplayPlan plan = scan(file, PUMP, false);
        assertThat(plan.runs()).hasSize(3);
        assertThat(plan.runs()).extracting(ReplayPlan.Run::startLine).containsExactly(2L, 4L, 6L);
        assertThat(plan.format()).isEqualTo(TimestampFormat.EPOCH_SECONDS);
    }

    @Test
    void headerAndMappingProblemsNameTheFileLineAndFlag() throws Exception {
        Path file = csv("time,device_id,vib\n2026-01-01T00:00:00Z,p1,1.5\n");
        assertThatThrownBy(() -> scan(file, PUMP, false))
                .hasMessage(file + ":1: no column 'timestamp' for the timestamp column (columns: time, device_id, vib); name it with --timestamp-column");
        ColumnMapping time = new ColumnMapping("time", null, "PUMP-CEN-15KW", null, Map.of("vib", "vibration"));
        assertThatThrownBy(() -> scan(file, time, false))
                .hasMessageStartingWith("--map vib=vibration: PUMP-CEN-15KW has no sensor 'vibration' (its sensors: vibration_rms, motor_current");
        ColumnMapping noModel = new ColumnMapping("time", null, null, null, Map.of());
        assertThatThrownBy(() -> scan(file, noModel, false)).hasMessageContaining("--model PRODUCT_MODEL").hasMessageContaining("--model-column");
        ColumnMapping unknownModel = new ColumnMapping("time", null, "FRIDGE-1", null, Map.of());
        assertThatThrownBy(() -> scan(file, unknownModel, false)).hasMessageStartingWith("--model: 'FRIDGE-1' is not a catalog product model");
        ColumnMapping unmapped = new ColumnMapping("time", null, "PUMP-CEN-15KW", null, Map.of());
        assertThatThrownBy(() -> scan(file, unmapped, false))
                .hasMessageStartingWith(file + ":1: no column is named like a sensor of PUMP-CEN-15KW").hasMessageContaining("--map COLUMN=SENSOR");
    }

    @Test
    void aMalformedRowStopsTheCheckNamingFileLineAndField() throws Exception {
        Path file = csv("timestamp,device_id,vib\n2026-01-01T00:00:00Z,p1,1.5\n2026-01-01T01:00:00Z,p1,abc\n2026-01-01T02:00:00Z,p1,1.6\n");
        assertThatThrownBy(() -> scan(file, PUMP, false))
                .hasMessage(file + ":3: field 'vib': expected a number, got 'abc' (use --skip-bad-rows to skip and count such rows)");
        Path badTime = csv("timestamp,device_id,vib\n2026-01-01T00:00:00Z,p1,1.5\n1767225600,p1,1.6\n");
        assertThatThrownBy(() -> scan(badTime, PUMP, false)).hasMessageStartingWith(badTime + ":3: field 'timestamp': expected an ISO-8601 date-time");
        Path badDevice = csv("timestamp,device_id,vib\n2026-01-01T00:00:00Z,p/1,1.5\n");
        assertThatThrownBy(() -> scan(badDevice, PUMP, false)).hasMessageStartingWith(badDevice + ":2: field 'device_id': device id 'p/1' cannot be an MQTT topic segment");
        Path shortRow = csv("timestamp,device_id,vib\n2026-01-01T00:00:00Z,p1\n");
        assertThatThrownBy(() -> scan(shortRow, PUMP, false)).hasMessageStartingWith(shortRow + ":2: expected 3 fields as in the header, got 2");
    }

    @Test
    void skippingBadRowsCountsThemAndKeepsTheRest() throws Exception {
        Path file = csv("timestamp,device_id,vib\n2026-01-01T00:00:00Z,p1,1.5\n2026-01-01T01:00:00Z,p1,abc\n2026-01-01T02:00:00Z,p1,1.6\n");
        ReplayPlan plan = scan(file, PUMP, true);
        assertThat(plan.rows()).isEqualTo(2);
        assertThat(plan.badRows()).isEqualTo(1);
        assertThat(plan.firstBadRows()).containsExactly(file + ":3: field 'vib': expected a number, got 'abc'");
    }

    @Test
    void aModelColumnChecksEachRowsModelAndTheDevicesStayWithOneModel() throws Exception {
        ColumnMapping byColumn = new ColumnMapping(null, null, null, "model", Map.of());
        Path mixed = csv("timestamp,device_id,model,vibration_rms,drum_vibration\n"
                + "2026-01-01T00:00:00Z,p1,PUMP-CEN-15KW,1.5,\n2026-01-01T00:00:00Z,w1,WM-FL-9KG,,0.2\n");
        ReplayPlan plan = scan(mixed, byColumn, false);
        assertThat(plan.devices()).containsOnlyKeys("p1", "w1");
        assertThat(plan.devices().get("w1").id()).isEqualTo("WM-FL-9KG");
        Path switching = csv("timestamp,device_id,model,vibration_rms\n"
                + "2026-01-01T00:00:00Z,p1,PUMP-CEN-15KW,1.5\n2026-01-01T01:00:00Z,p1,AC-INV-12K,1.5\n");
        assertThatThrownBy(() -> scan(switching, byColumn, false))
                .hasMessageStartingWith(switching + ":3: field 'model': device 'p1' was PUMP-CEN-15KW on an earlier line, here it is AC-INV-12K");
        Path unknown = csv("timestamp,device_id,model,vibration_rms\n2026-01-01T00:00:00Z,p1,FRIDGE,1.5\n");
        assertThatThrownBy(() -> scan(unknown, byColumn, false)).hasMessageStartingWith(unknown + ":2: field 'model': 'FRIDGE' is not a catalog product model");
    }

    @Test
    void anEmptyFileOrOneWithoutRowsIsAnError() throws Exception {
        Path empty = csv("");
        assertThatThrownBy(() -> scan(empty, PUMP, false)).hasMessageContaining(":1: expected a header line");
        Path headerOnly = csv("timestamp,device_id,vib\n");
        assertThatThrownBy(() -> scan(headerOnly, PUMP, false)).hasMessage(headerOnly + ": no rows to replay");
    }

    @Test
    void aMappingFileWithAnUnknownFieldNamesFileLineAndField() throws Exception {
        Path mapping = dir.resolve("mapping.json");
        Files.writeString(mapping, "{\n  \"model\": \"PUMP-CEN-15KW\",\n  \"mapp\": {\"vib\": \"vibration_rms\"}\n}\n");
        assertThatThrownBy(() -> ColumnMapping.read(mapping)).hasMessage(mapping + ":3: field 'mapp': unknown field; a mapping has timestampColumn, deviceColumn, model, modelColumn, map");
        Files.writeString(mapping, "{\n  \"model\": 7\n}");
        assertThatThrownBy(() -> ColumnMapping.read(mapping)).hasMessage(mapping + ":2: field 'model': expected a string");
        Files.writeString(mapping, "{\n  \"model\": \"PUMP-CEN-15KW\",,\n}");
        assertThatThrownBy(() -> ColumnMapping.read(mapping)).hasMessageStartingWith(mapping + ":2: not valid JSON");
        Files.writeString(mapping, "{\"timestampColumn\": \"time\", \"model\": \"PUMP-CEN-15KW\", \"map\": {\"vib\": \"vibration_rms\"}}");
        ColumnMapping read = ColumnMapping.read(mapping);
        assertThat(read.map()).containsEntry("vib", "vibration_rms");
        ColumnMapping merged = read.overriddenBy(new ColumnMapping(null, "machine", null, null, Map.of("p", "discharge_pressure")));
        assertThat(merged).isEqualTo(new ColumnMapping("time", "machine", "PUMP-CEN-15KW", null,
                Map.of("vib", "vibration_rms", "p", "discharge_pressure")));
    }
}
