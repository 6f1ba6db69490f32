package io.forewarn.simulator.maintenance;

/** What a technician did to a product. */
public enum MaintenanceType {
    /** Fixed the fault: the product is healthy from then on. */
    REPAIR,
    /** Routine service before any failure: a developing degradation starts over from nothing. */
    PREVENTIVE_SERVICE
}
