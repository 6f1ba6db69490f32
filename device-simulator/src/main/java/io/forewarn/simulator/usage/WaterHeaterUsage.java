package io.forewarn.simulator.usage;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductModel;

/**
 * An electric water heater at home: it reheats after the morning and evening draws (longer for a bigger household),
 * sometimes after a midday draw, and once in the night to make up for the heat the tank lost; in standby otherwise.
 */
final class WaterHeaterUsage extends DailySessions {
    static final String CATEGORY = "water_heater";

    private final OperatingMode heating;
    private final double morningDraw;
    private final double eveningDraw;
    private final double household;
    private final double middayShare;
    private final double keepWarmAt;

    WaterHeaterUsage(ProductModel model, long seed) {
        super(mode(model, "standby"), seed);
        this.heating = mode(model, "heating");
        morningDraw = between(5.75, 8, habit(0));
        eveningDraw = between(18, 21.5, habit(1));
        household = between(0.7, 1.4, habit(2));
        middayShare = between(0.2, 0.6, habit(3));
        keepWarmAt = between(1, 4, habit(4));
    }

    @Override
    long[] sessions(long day) {
        Day plan = new Day();
        double keepWarm = keepWarmAt + draw(day, 0) - 0.5;
        plan.add(keepWarm, keepWarm + between(10, 20, draw(day, 1)) / 60);
        // The thermostat reacts some ten minutes into a draw.
        double morning = morningDraw + 0.8 * (draw(day, 2) - 0.5) + 10.0 / 60;
        plan.add(morning, morning + between(30, 60, draw(day, 3)) * household / 60);
        if (draw(day, 4) < middayShare) {
            double midday = between(12, 14.5, draw(day, 5));
            plan.add(midday, midday + between(10, 25, draw(day, 6)) / 60);
        }
        double evening = eveningDraw + draw(day, 7) - 0.5 + 10.0 / 60;
        plan.add(evening, evening + between(40, 80, draw(day, 8)) * household / 60);
        return plan.seconds();
    }

    @Override
    ModeSpan during(long sessionStart, long t) {
        return new ModeSpan(heating, sessionStart);
    }
}
