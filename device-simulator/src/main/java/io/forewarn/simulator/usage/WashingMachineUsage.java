package io.forewarn.simulator.usage;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductModel;

/**
 * A washing machine at home: none, one or two programmes a day (a household's own average, between 1 and 1.9 a
 * day), in the morning or the early evening; each washes and rinses, then spins; the machine is off in between.
 */
final class WashingMachineUsage extends DailySessions {
    static final String CATEGORY = "washing_machine";

    private final OperatingMode wash;
    private final OperatingMode spin;
    private final double programmesPerDay;
    private final double morningAt;
    private final double eveningAt;
    private final long washSeconds;
    private final long spinSeconds;

    WashingMachineUsage(ProductModel model, long seed) {
        super(mode(model, "off"), seed);
        this.wash = mode(model, "wash");
        this.spin = mode(model, "spin");
        programmesPerDay = between(1.0, 1.9, habit(0));
        morningAt = between(8, 11, habit(1));
        eveningAt = between(17, 20, habit(2));
        // The household's usual programme: washing and rinsing, then the spins.
        washSeconds = 60 * Math.round(between(40, 70, habit(3)));
        spinSeconds = 60 * Math.round(between(25, 35, habit(4)));
    }

    @Override
    long[] sessions(long day) {
        int programmes = (int) Math.min(2, Math.floor(programmesPerDay + draw(day, 0)));
        double hours = (washSeconds + spinSeconds) / 3600.0;
        Day plan = new Day();
        if (programmes == 2 || (programmes == 1 && draw(day, 1) < 0.5)) {
            double at = morningAt + 1.5 * (draw(day, 2) - 0.5);
            plan.add(at, at + hours);
        }
        if (programmes == 2 || (programmes == 1 && plan.isEmpty())) {
            double at = eveningAt + 1.5 * (draw(day, 3) - 0.5);
            plan.add(at, at + hours);
        }
        return plan.seconds();
    }

    @Override
    ModeSpan during(long sessionStart, long t) {
        long spinFrom = sessionStart + washSeconds;
        return t < spinFrom ? new ModeSpan(wash, sessionStart) : new ModeSpan(spin, spinFrom);
    }
}
