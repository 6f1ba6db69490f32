package io.forewarn.contracts.catalog;

import java.util.List;
import java.util.Optional;

/** One product model of the catalog: what it measures, how it fails, and how it is serviced. */
public record ProductModel(
        String id,
        String category,
        Localized name,
        int sampleIntervalSeconds,
        int warrantyMonths,
        List<SensorSpec> sensors,
        List<DerivedFeature> derivedFeatures,
        List<FailureMode> failureModes,
        List<MaintenancePlan> maintenancePlans) implements java.io.Serializable {

    public Optional<SensorSpec> sensor(String name) {
        return sensors.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<FailureMode> failureMode(String id) {
        return failureModes.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
