package io.forewarn.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    static final FleetConfig CONFIG = FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(40);

    @TempDir Path dir;

    private Path write(String json) throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void theCompositionWeightsTheModelsAndTheFaultGroupsPickTheirDevices() throws Exception {
        Path file = write("""
                {
                  "composition": {"AC-INV-12K": 3, "PUMP-CEN-15KW": 1},
                  "faults": [
                    {"model": "AC-INV-12K", "failureMode": "refrigerant_leak", "kind": "gradual", "devices": 2, "onset": "-2d", "failure": "4d"},
                    {"model": "PUMP-CEN-15KW", "failureMode": "cavitation", "kind": "sudden", "devices": 1, "failure": "36h"}
                  ]
                }
                """);
        Scenario scenario = Scenario.read(file, CATALOG);
        Fleet fleet = Fleet.create(CATALOG, CONFIG, scenario);
        Map<String, Long> perModel = fleet.devices().stream().collect(Collectors.groupingBy(d -> d.model().id(), Collectors.counting()));
        assertThat(perModel).containsExactlyInAnyOrderEntriesOf(Map.of("AC-INV-12K", 30L, "PUMP-CEN-15KW", 10L));
        assertThat(fleet.devices().get(3).deviceId()).isEqualTo("pump-cen-15kw-0001");
        assertThat(fleet.devices().get(4).deviceId()).isEqualTo("ac-inv-12k-0004");
        assertThat(fleet.groundTruth()).hasSize(3);
        assertThat(fleet.groundTruth()).filteredOn(t -> t.productModel().equals("AC-INV-12K")).hasSize(2).allSatisfy(t -> {
            assertThat(t.failureMode()).isEqualTo("refrigerant_leak");
            assertThat(t.kind()).isEqualTo(FaultKind.GRADUAL);
            assertThat(t.onsetAt()).isEqualTo(START.minus(Duration.ofDays(2)));
            assertThat(t.failureAt()).isEqualTo(START.plus(Duration.ofDays(4)));
        });
        GroundTruth sudden = fleet.groundTruth().stream().filter(t -> t.kind() == FaultKind.SUDDEN).findFirst().orElseThrow();
        assertThat(sudden.failureAt()).isEqualTo(START.plus(Duration.ofHours(36))).isEqualTo(sudden.onsetAt());
        assertThat(Fleet.create(CATALOG, CONFIG, scenario).groundTruth()).as("same seed, same devices").isEqualTo(fleet.groundTruth());
        assertThat(Fleet.create(CATALOG, CONFIG.withSeed(7), scenario).groundTruth()).extracting(GroundTruth::deviceId)
                .as("another seed picks other devices").isNotEqualTo(fleet.groundTruth().stream().map(GroundTruth::deviceId).toList());
    }

    @Test
    void withoutACompositionEveryCatalogModelTakesItsTurnAsInTheDefaultFleet() throws Exception {
        Scenario scenario = Scenario.read(write("{\"faults\": []}"), CATALOG);
        Fleet fromScenario = Fleet.create(CATALOG, CONFIG, scenario);
        Fleet plain = Fleet.create(CATALOG, CONFIG);
        assertThat(fromScenario.devices()).extracting(SimulatedDevice::deviceId).isEqualTo(plain.devices().stream().map(SimulatedDevice::deviceId).toList());
        assertThat(fromScenario.devices().get(5).message(3)).isEqualTo(plain.devices().get(5).message(3));
    }

    @Test
    void everyProblemNamesTheFileLineAndField() throws Exception {
        expect("{\n  \"composition\": {\"AC-INV-12K\": 1},\n  \"fautls\": []\n}", ":3: field 'fautls': unknown field; expected one of [composition, faults]");
        expect("{\n  \"composition\": {\"FRIDGE\": 1}\n}", ":2: field 'composition.FRIDGE': not a catalog product model");
        expect("{\"composition\": {\"AC-INV-12K\": 0}}", ":1: field 'composition.AC-INV-12K': expected a whole number from 1 to 1000, got 0");
        String group = "{\n \"faults\": [\n  {\"model\": \"AC-INV-12K\", \"failureMode\": \"refrigerant_leak\", \"failure\": \"4d\"},\n  %s\n ]\n}";
        expect(group.formatted("{\"model\": \"AC-INV-12K\",\n   \"failureMode\": \"cavitation\", \"failure\": \"4d\"}"),
                ":5: field 'faults[1].failureMode': 'cavitation' is not a failure mode of AC-INV-12K");
        expect(group.formatted("{\"model\": \"AC-INV-12K\", \"failureMode\": \"clogged_filter\", \"kind\": \"slow\", \"failure\": \"4d\"}"),
                ":4: field 'faults[1].kind': expected gradual, intermittent or sudden, got 'slow'");
        expect(group.formatted("{\"model\": \"AC-INV-12K\", \"failureMode\": \"clogged_filter\", \"kind\": \"sudden\", \"onset\": \"1d\", \"failure\": \"4d\"}"),
                ":4: field 'faults[1].onset': a sudden fault has no onset");
        expect(group.formatted("{\"model\": \"AC-INV-12K\", \"failureMode\": \"clogged_filter\", \"onset\": \"5d\", \"failure\": \"4d\"}"),
                ":4: field 'faults[1].failure': must come after the onset");
        expect(group.formatted("{\"model\": \"AC-INV-12K\", \"failureMode\": \"clogged_filter\", \"failure\": \"soon\"}"),
                ":4: field 'faults[1].failure': expected a time relative to the sim start like 4d, 36h, -2d or PT36H, got 'soon'");
        expect(group.formatted("{\"model\": \"AC-INV-12K\", \"failureMode\": \"clogged_filter\"}"), ":4: field 'faults[1].failure': missing");
        expect("{\n \"faults\": [\n  {\"model\": \"AC-INV-12K\",, }\n ]\n}", ":3: not valid JSON");
    }

    @Test
    void aFleetTooSmallForTheScenarioIsNamedWithTheGroupsLine() throws Exception {
        Path file = write("{\n \"faults\": [\n  {\"model\": \"PUMP-CEN-15KW\", \"failureMode\": \"cavitation\", \"devices\": 20, \"failure\": \"4d\"}\n ]\n}");
        Scenario scenario = Scenario.read(file, CATALOG);
        assertThatThrownBy(() -> Fleet.create(CATALOG, CONFIG, scenario))
                .hasMessage(file + ":3: field 'devices': 20 PUMP-CEN-15KW devices needed, the fleet has 10 without a fault; raise --devices");
    }

    private void expect(String json, String message) throws Exception {
        Path file = write(json);
        assertThatThrownBy(() -> Scenario.read(file, CATALOG)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(file + message);
    }
}
