package io.forewarn.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.truth.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    static final FleetConfig CONFIG = FleetConfig.defaults().withStart(START);

    private static List<TelemetryMessage> firstReadings(Fleet fleet, int perDevice) {
        List<TelemetryMessage> out = new ArrayList<>();
        for (SimulatedDevice d : fleet.devices()) out.addAll(d.messages(perDevice));
        return out;
    }

    @Test
    void sameSeedGivesTheSameFleetAndTheSameStream() {
        Fleet a = Fleet.create(CATALOG, CONFIG.withSeed(42));
        Fleet b = Fleet.create(CATALOG, CONFIG.withSeed(42));
        assertThat(b.profiles()).isEqualTo(a.profiles());
        assertThat(b.groundTruth()).isEqualTo(a.groundTruth());
        assertThat(firstReadings(b, 30)).isEqualTo(firstReadings(a, 30));
    }

    @Test
    void differentSeedGivesADifferentStream() {
        List<TelemetryMessage> a = firstReadings(Fleet.create(CATALOG, CONFIG.withSeed(42)), 30);
        List<TelemetryMessage> b = firstReadings(Fleet.create(CATALOG, CONFIG.withSeed(43)), 30);
        assertThat(b).hasSameSizeAs(a);
        long equal = 0;
        for (int i = 0; i < a.size(); i++) if (a.get(i).equals(b.get(i))) equal++;
        assertThat(equal).isZero();
    }

    @Test
    void devicesAreSpreadRoundRobinOverAllModelsWithStableIds() {
        Fleet fleet = Fleet.create(CATALOG, CONFIG.withDevices(10));
        List<ProductModel> models = CATALOG.models();
        List<SimulatedDevice> devices = fleet.devices();
        for (int i = 0; i < devices.size(); i++) {
            assertThat(devices.get(i).model()).isEqualTo(models.get(i % models.size()));
        }
        assertThat(devices.get(0).deviceId()).isEqualTo(models.get(0).id().toLowerCase() + "-0001");
        assertThat(devices.get(models.size()).deviceId()).isEqualTo(models.get(0).id().toLowerCase() + "-0002");
        assertThat(devices).extracting(SimulatedDevice::deviceId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z0-9-]+-\\d{4}"));
        // Growing the fleet keeps the ids (and streams) of the devices it already had.
        Fleet bigger = Fleet.create(CATALOG, CONFIG.withDegradingDevices(0).withDevices(20));
        Fleet smaller = Fleet.create(CATALOG, CONFIG.withDegradingDevices(0).withDevices(10));
        assertThat(bigger.devices().subList(0, 10)).extracting(d -> d.message(5)).isEqualTo(smaller.devices().stream().map(d -> d.message(5)).toList());
    }

    @Test
    void profilesMixLanguagesAndRegionsAndIncludeExpiredWarranties() {
        Fleet fleet = Fleet.create(CATALOG, CONFIG);
        List<DeviceProfile> profiles = fleet.profiles();
        LocalDate today = LocalDate.parse("2026-11-25");
        assertThat(profiles).extracting(DeviceProfile::language).containsOnly("zh", "en").contains("zh", "en");
        assertThat(profiles).extracting(DeviceProfile::region).containsOnlyElementsOf(DeviceProfile.REGIONS);
        assertThat(profiles.stream().map(DeviceProfile::region).distinct().count()).isGreaterThan(1);
        assertThat(profiles).extracting(DeviceProfile::customerId).doesNotHaveDuplicates();
        assertThat(profiles).extracting(DeviceProfile::email).doesNotHaveDuplicates().allMatch(e -> e.matches("[a-z.0-9]+@example\\.(com|cn)"));
        assertThat(profiles).allSatisfy(p -> {
            assertThat(p.installedOn()).isBefore(today);
            assertThat(p.warrantyEnd()).isAfter(p.installedOn());
        });
        assertThat(profiles).anyMatch(p -> p.underWarranty(today)).anyMatch(p -> !p.underWarranty(today));
        assertThat(profiles).filteredOn(p -> p.language().equals("zh")).allMatch(p -> !p.customerName().matches("[A-Za-z ]+"));
    }

    @Test
    void demoScenarioDegradesTheConfiguredDevicesAcrossModelsWithFailureDaysAhead() {
        Fleet fleet = Fleet.create(CATALOG, CONFIG.withDevices(50).withDegradingDevices(6));
        List<SimulatedDevice> faulty = fleet.devices().stream().filter(d -> d.fault().isPresent()).toList();
        assertThat(faulty).hasSize(6);
        assertThat(faulty.stream().map(d -> d.model().id()).distinct().count()).isEqualTo(Math.min(6, CATALOG.models().size()));
        for (SimulatedDevice d : faulty) {
            Fault f = d.fault().orElseThrow();
            assertThat(f.kind()).isEqualTo(FaultKind.GRADUAL);
            assertThat(d.model().failureModes()).contains(f.mode());
            assertThat(f.onsetAt()).isEqualTo(START.minus(Duration.ofDays(2)));
            assertThat(f.failureAt()).isBetween(START.plus(Duration.ofDays(3)), START.plus(Duration.ofDays(5)));
        }
        assertThat(fleet.groundTruth()).containsExactlyElementsOf(
                faulty.stream().map(d -> GroundTruth.of(d.deviceId(), d.model().id(), d.fault().orElseThrow())).toList());
    }

    @Test
    void configuredFaultKindsAreHandedOutInTurn() {
        Fleet fleet = Fleet.create(CATALOG, CONFIG.withDegradingDevices(6).withFaultKinds(List.of(FaultKind.GRADUAL, FaultKind.INTERMITTENT, FaultKind.SUDDEN)));
        Map<FaultKind, Long> kinds = fleet.groundTruth().stream().collect(Collectors.groupingBy(GroundTruth::kind, Collectors.counting()));
        assertThat(kinds).containsOnly(Map.entry(FaultKind.GRADUAL, 2L), Map.entry(FaultKind.INTERMITTENT, 2L), Map.entry(FaultKind.SUDDEN, 2L));
        fleet.groundTruth().stream().filter(t -> t.kind() == FaultKind.SUDDEN)
                .forEach(t -> assertThat(t.onsetAt()).isEqualTo(t.failureAt()));
    }

    @Test
    void everyFailureModeOfTheCatalogTurnsUpInALargeEnoughFleet() {
        Fleet fleet = Fleet.create(CATALOG, CONFIG.withDevices(40).withDegradingDevices(20));
        Set<String> modes = fleet.groundTruth().stream().map(t -> t.productModel() + "/" + t.failureMode()).collect(Collectors.toSet());
        Set<String> catalogModes = CATALOG.models().stream()
                .flatMap(m -> m.failureModes().stream().map(f -> m.id() + "/" + f.id())).collect(Collectors.toSet());
        assertThat(modes).isEqualTo(catalogModes);
    }

    @Test
    void healthyDevicesHaveNoFault() {
        Fleet fleet = Fleet.create(CATALOG, CONFIG.withDegradingDevices(0));
        assertThat(fleet.devices()).allMatch(d -> d.fault().isEmpty());
        assertThat(fleet.groundTruth()).isEmpty();
        Map<String, SimulatedDevice> byId = fleet.devices().stream().collect(Collectors.toMap(SimulatedDevice::deviceId, Function.identity()));
        assertThat(fleet.device("ac-inv-12k-0001")).contains(byId.get("ac-inv-12k-0001"));
    }
}
