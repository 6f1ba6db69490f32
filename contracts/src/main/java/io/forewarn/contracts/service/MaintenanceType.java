package io.forewarn.contracts.service;

/** What a technician did to a product on a service visit. */
public enum MaintenanceType {
    /** Fixed the fault: the product is healthy from then on. */
    REPAIR,
    /** Routine service before any failure: a developing degradation starts over from nothing. */
    PREVENTIVE_SERVICE
}
