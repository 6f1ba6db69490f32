package io.forewarn.simulator.usage;

import io.forewarn.contracts.catalog.OperatingMode;

/**
 * The operating mode a device is in, and since when: a sensor the mode sets settles from that moment on.
 *
 * @param mode the catalog mode, or null for a product model whose catalog entry lists no modes
 */
public record ModeSpan(OperatingMode mode, long sinceEpochSecond) {

    /** True when readings in this span are scored by the anomaly model (and show a developing fault). */
    public boolean monitored() {
        return mode == null || mode.monitored();
    }

    /** The mode's id as the wire format carries it, or null. */
    public String modeId() {
        return mode == null ? null : mode.id();
    }
}
