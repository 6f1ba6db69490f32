package io.forewarn.contracts.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One product model of the catalog: what it measures, how it fails, how it is serviced, and the operating modes it
 * runs in (empty when the catalog does not describe them: every reading is then monitored).
 */
public record ProductModel(
        String id,
        String category,
        Localized name,
        int sampleIntervalSeconds,
        int warrantyMonths,
        List<SensorSpec> sensors,
        List<DerivedFeature> derivedFeatures,
        List<FailureMode> failureModes,
        List<MaintenancePlan> maintenancePlans,
        List<OperatingMode> operatingModes) implements java.io.Serializable {

    public ProductModel {
        operatingModes = operatingModes == null ? List.of() : List.copyOf(operatingModes);
    }

    /** A product model without operating modes: every reading is monitored. */
    public ProductModel(String id, String category, Localized name, int sampleIntervalSeconds, int warrantyMonths,
                        List<SensorSpec> sensors, List<DerivedFeature> derivedFeatures, List<FailureMode> failureModes,
                        List<MaintenancePlan> maintenancePlans) {
        this(id, category, name, sampleIntervalSeconds, warrantyMonths, sensors, derivedFeatures, failureModes,
                maintenancePlans, List.of());
    }

    public Optional<SensorSpec> sensor(String name) {
        return sensors.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<FailureMode> failureMode(String id) {
        return failureModes.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public Optional<OperatingMode> operatingMode(String id) {
        return operatingModes.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * True when a reading taken in {@code mode} is scored by the anomaly model: a reading that names no mode (a
     * device or dataset that does not report one) is, and so is one in a monitored mode; a mode the catalog does
     * not list for this model is not.
     */
    public boolean isMonitored(String mode) {
        if (mode == null) return true;
        for (OperatingMode m : operatingModes) {
            if (m.id().equals(mode)) return m.monitored();
        }
        return false;
    }
}
