package io.forewarn.simulator.faults;

/** How a fault shows itself in telemetry before the product fails. */
public enum FaultKind {
    /** Wear that grows steadily (and faster towards the end) from onset to failure: the case prediction is for. */
    GRADUAL,
    /** Symptoms that come and go in episodes, more often and stronger as failure nears. */
    INTERMITTENT,
    /** No precursor at all: the signature jumps to full strength at the failure instant. */
    SUDDEN
}
