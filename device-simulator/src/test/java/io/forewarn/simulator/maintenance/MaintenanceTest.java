package io.forewarn.simulator.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.MaintenanceRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaintenanceTest {
    static final ProductCatalog CATALOG = ProductCatalog.builtIn();
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    static final Instant ONSET = START.minus(Duration.ofDays(2));
    static final Instant FAILURE = START.plus(Duration.ofDays(4));

    private static SimulatedDevice pump() {
        Fleet fleet = Fleet.create(CATALOG, FleetConfig.defaults().withStart(START).withDegradingDevices(0).withDevices(CATALOG.models().size()));
        return fleet.devices().stream().filter(d -> d.model().id().equals("PUMP-CEN-15KW")).findFirst().orElseThrow();
    }

    private static FailureMode cavitation() {
        return CATALOG.require("PUMP-CEN-15KW").failureMode("cavitation").orElseThrow();
    }

    @Test
    void aRepairEndsAFaultUnderWaySoTheDeviceReadsHealthyFromThenOn() {
        SimulatedDevice worn = pump().withFault(Fault.gradual(cavitation(), ONSET, FAILURE));
        Instant at = START.plus(Duration.ofDays(1));
        Maintenance.Outcome outcome = Maintenance.apply(worn, MaintenanceType.REPAIR, at, "T-9");
        assertThat(outcome.device().fault()).isEmpty();
        long seq = worn.lastSeqAt(at) + 1;
        assertThat(outcome.device().message(seq)).isEqualTo(worn.healthy().message(seq)).isNotEqualTo(worn.message(seq));
        assertThat(outcome.rows()).containsExactly(new MaintenanceRecord(worn.deviceId(), "PUMP-CEN-15KW", MaintenanceType.REPAIR, at, "cavitation", "T-9"));
    }

    @Test
    void aRepairAfterTheFailureFixesTheFailedProduct() {
        SimulatedDevice failed = pump().withFault(Fault.sudden(cavitation(), START));
        Maintenance.Outcome outcome = Maintenance.apply(failed, MaintenanceType.REPAIR, START.plus(Duration.ofHours(5)), null);
        assertThat(outcome.device().fault()).isEmpty();
        assertThat(outcome.rows()).hasSize(1);
    }

    @Test
    void aPreventiveServiceStartsADegradationOverWithTheSameSpanToFailure() {
        Fault fault = Fault.gradual(cavitation(), ONSET, FAILURE);
        SimulatedDevice worn = pump().withFault(fault);
        Instant at = START.plus(Duration.ofDays(1));
        Maintenance.Outcome outcome = Maintenance.apply(worn, MaintenanceType.PREVENTIVE_SERVICE, at, "T-10");
        Fault reset = outcome.device().fault().orElseThrow();
        assertThat(reset.onsetAt()).isEqualTo(at);
        assertThat(reset.failureAt()).isEqualTo(at.plus(Duration.between(ONSET, FAILURE)));
        assertThat(reset.severity(at)).as("progress back to nothing").isZero();
        assertThat(outcome.rows()).containsExactly(
                new MaintenanceRecord(worn.deviceId(), "PUMP-CEN-15KW", MaintenanceType.PREVENTIVE_SERVICE, at, "cavitation", "T-10"),
                new GroundTruth(worn.deviceId(), "PUMP-CEN-15KW", "cavitation", fault.kind(), at, reset.failureAt()));
    }

    @Test
    void aPreventiveServiceLeavesAFailedProductFailedAndAFutureFaultAlone() {
        SimulatedDevice failed = pump().withFault(Fault.gradual(cavitation(), ONSET, START));
        Maintenance.Outcome late = Maintenance.apply(failed, MaintenanceType.PREVENTIVE_SERVICE, START.plus(Duration.ofHours(1)), null);
        assertThat(late.device().fault()).isEqualTo(failed.fault());
        assertThat(late.rows()).singleElement().isInstanceOf(MaintenanceRecord.class);

        SimulatedDevice later = pump().withFault(Fault.gradual(cavitation(), START.plus(Duration.ofDays(3)), FAILURE));
        Maintenance.Outcome early = Maintenance.apply(later, MaintenanceType.REPAIR, START, null);
        assertThat(early.device().fault()).as("nothing to fix yet").isEqualTo(later.fault());
        assertThat(((MaintenanceRecord) early.rows().get(0)).failureMode()).isNull();
    }
}
