package io.forewarn.simulator.usage;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductModel;

/**
 * An industrial pump that runs in eight-hour shifts: one or two shifts from the early morning on weekdays and one at
 * weekends, or round the clock with a four-hour stop on Sunday mornings for inspection.
 */
final class PumpUsage extends DailySessions {
    static final String CATEGORY = "industrial_pump";
    private static final double SHIFT_HOURS = 8;

    private final OperatingMode running;
    private final int shifts;
    private final double shiftStart;

    PumpUsage(ProductModel model, long seed) {
        super(mode(model, "off"), seed);
        this.running = mode(model, "running");
        double sites = habit(0);
        shifts = sites < 0.25 ? 1 : sites < 0.7 ? 2 : 3;
        shiftStart = between(5.5, 7.5, habit(1));
    }

    @Override
    long[] sessions(long day) {
        int dayOfWeek = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday; 0 is Monday
        Day plan = new Day();
        if (shifts == 3) {
            if (dayOfWeek == 6) {
                plan.add(0, 6).add(10, 24);
            } else {
                plan.add(0, 24);
            }
            return plan.seconds();
        }
        double from = shiftStart + 0.5 * (draw(day, 0) - 0.5);
        plan.add(from, from + SHIFT_HOURS * (dayOfWeek <= 4 ? shifts : 1));
        return plan.seconds();
    }

    @Override
    ModeSpan during(long sessionStart, long t) {
        return new ModeSpan(running, sessionStart);
    }
}
