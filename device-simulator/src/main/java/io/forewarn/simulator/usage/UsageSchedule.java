package io.forewarn.simulator.usage;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductModel;

/**
 * When a device is in which of its catalog operating modes: a pure function of the device's seed and the time, so
 * any reading can be produced on its own, by any thread, and the same seed gives the same schedule.
 */
public abstract class UsageSchedule {

    /** The mode at {@code epochSecond}, and since when. */
    public abstract ModeSpan at(long epochSecond);

    /**
     * The usage of {@code model}'s category (air conditioner, water heater, washing machine, industrial pump); a
     * category the simulator does not know stays in its first monitored mode, a model without modes in none.
     *
     * @throws IllegalArgumentException when the catalog lacks a mode the category's usage needs
     */
    public static UsageSchedule of(ProductModel model, long seed, Ambient ambient) {
        if (model.operatingModes().isEmpty()) {
            return always(null);
        }
        return switch (model.category()) {
            case AirConditionerUsage.CATEGORY -> new AirConditionerUsage(model, seed, ambient);
            case WaterHeaterUsage.CATEGORY -> new WaterHeaterUsage(model, seed);
            case WashingMachineUsage.CATEGORY -> new WashingMachineUsage(model, seed);
            case PumpUsage.CATEGORY -> new PumpUsage(model, seed);
            default -> always(model.operatingModes().stream().filter(OperatingMode::monitored).findFirst().orElseThrow());
        };
    }

    private static UsageSchedule always(OperatingMode mode) {
        ModeSpan span = new ModeSpan(mode, Long.MIN_VALUE);
        return new UsageSchedule() {
            @Override
            public ModeSpan at(long epochSecond) {
                return span;
            }
        };
    }

    /** The catalog mode {@code id} of {@code model}, which this category's usage needs. */
    static OperatingMode mode(ProductModel model, String id) {
        return model.operatingMode(id).orElseThrow(() -> new IllegalArgumentException(model.id() + " (" + model.category()
                + "): the simulator's usage of this category needs the operating mode '" + id + "', which the catalog does not list"));
    }
}
