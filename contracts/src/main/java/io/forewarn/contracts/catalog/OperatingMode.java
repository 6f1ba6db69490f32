package io.forewarn.contracts.catalog;

import java.util.List;
import java.util.Map;

/**
 * A state a product model can be in (off, idle, running, defrost, spin, ...) and how its sensors read in it.
 *
 * <p>The sensors' normal ranges describe the product in its <em>monitored</em> mode: readings in it are what the
 * anomaly model scores. Readings in the other modes are stored but not scored (a compressor that is off draws no
 * current, which is not a fault).
 *
 * @param monitored readings in this mode are scored by the anomaly model and carry a developing fault's signature
 * @param description what the product is doing in this mode, for people reading the catalog
 * @param sensors how each sensor this (non-monitored) mode sets reads in it; a sensor not listed reads as in the
 *                monitored mode (e.g. the last drain time of a washing machine, reported whatever it is doing)
 * @param ambientSensors in a monitored mode, the sensors whose daily swing ({@link SensorSpec#dailyAmplitude()})
 *                       follows the ambient temperature; the others follow the product's usage cycle
 */
public record OperatingMode(
        String id,
        boolean monitored,
        String description,
        Map<String, SensorInMode> sensors,
        List<String> ambientSensors) implements java.io.Serializable {

    public OperatingMode {
        sensors = sensors == null ? Map.of() : Map.copyOf(sensors);
        ambientSensors = ambientSensors == null ? List.of() : List.copyOf(ambientSensors);
    }
}
