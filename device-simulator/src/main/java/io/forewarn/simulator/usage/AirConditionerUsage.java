package io.forewarn.simulator.usage;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductModel;

/**
 * An air conditioner at home: switched on nearly every evening, on many afternoons, on some nights and mornings,
 * more often on hot days. While on, the compressor runs, except when the room is cool enough (fan only, more often in the cool
 * hours) and for a short coil defrost after every 140 minutes on.
 */
final class AirConditionerUsage extends DailySessions {
    static final String CATEGORY = "air_conditioner";
    static final long DEFROST_EVERY = 140 * 60;
    static final long DEFROST_FOR = 10 * 60;
    // The thermostat decides per half hour whether to rest the compressor for the end of it.
    private static final long THERMOSTAT_BLOCK = 30 * 60;

    private final OperatingMode running;
    private final OperatingMode idle;
    private final OperatingMode defrost;
    private final Ambient ambient;
    private final double nightShare;
    private final double morningShare;
    private final double afternoonShare;
    private final double eveningShare;
    private final double afternoonFrom;
    private final double afternoonTo;
    private final double eveningFrom;
    private final double eveningTo;
    private final double coolRoom;

    AirConditionerUsage(ProductModel model, long seed, Ambient ambient) {
        super(mode(model, "off"), seed);
        this.running = mode(model, "running");
        this.idle = mode(model, "idle");
        this.defrost = mode(model, "defrost");
        this.ambient = ambient;
        nightShare = between(0.05, 0.3, habit(0));
        morningShare = between(0.05, 0.2, habit(1));
        afternoonShare = between(0.4, 0.8, habit(2));
        eveningShare = between(0.85, 1.0, habit(3));
        afternoonFrom = between(12, 14, habit(4));
        afternoonTo = between(16.5, 18, habit(5));
        eveningFrom = between(17, 19.5, habit(6));
        eveningTo = between(22.5, 24, habit(7));
        // A household that likes a cool room keeps the compressor busier.
        coolRoom = between(-0.1, 0.1, habit(8));
    }

    @Override
    long[] sessions(long day) {
        double hot = 1 + 0.15 * ambient.weather(day);
        Day plan = new Day();
        if (draw(day, 0) < nightShare * hot) plan.add(0, between(5.5, 7, draw(day, 1)));
        if (draw(day, 2) < morningShare * hot) {
            double from = between(7, 8, draw(day, 3));
            plan.add(from, from + between(1, 2, draw(day, 4)));
        }
        if (draw(day, 5) < afternoonShare * hot) {
            plan.add(afternoonFrom + draw(day, 6) - 0.5, afternoonTo + draw(day, 7) - 0.5);
        }
        if (draw(day, 8) < eveningShare * hot) {
            plan.add(eveningFrom + draw(day, 9) - 0.5, eveningTo + draw(day, 10) - 0.5);
        }
        return plan.seconds();
    }

    @Override
    ModeSpan during(long sessionStart, long t) {
        long period = DEFROST_EVERY + DEFROST_FOR;
        long periodStart = sessionStart + (t - sessionStart) / period * period;
        if (t - periodStart >= DEFROST_EVERY) {
            return new ModeSpan(defrost, periodStart + DEFROST_EVERY);
        }
        long blockStart = periodStart + (t - periodStart) / THERMOSTAT_BLOCK * THERMOSTAT_BLOCK;
        if (blockStart == sessionStart) {
            return new ModeSpan(running, sessionStart); // the first half hour pulls the room down
        }
        double idleShare = Math.max(0, Math.min(0.6, 0.25 - coolRoom - 0.25 * ambient.anomaly(blockStart)));
        long idleFrom = blockStart + Math.round((1 - idleShare) * THERMOSTAT_BLOCK);
        return t >= idleFrom ? new ModeSpan(idle, idleFrom) : new ModeSpan(running, blockStart);
    }
}
