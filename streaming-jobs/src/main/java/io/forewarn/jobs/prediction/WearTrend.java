package io.forewarn.jobs.prediction;

import java.io.Serializable;

/**
 * Recursive weighted least squares of sqrt(progress) against time, with exponential forgetting.
 * Wear accelerates (progress grows like the square of time since onset), so its square root grows linearly and a
 * straight-line fit extrapolates to the failure point, progress 1. The state is six numbers, whatever the history.
 */
public final class WearTrend implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double forgetting;
    private double sw, st, sy, stt, sty, syy;

    /** @param memoryReadings roughly how many recent readings the fit remembers */
    public WearTrend(int memoryReadings) {
        this.forgetting = 1.0 - 1.0 / memoryReadings;
    }

    public void add(double hours, double progress) {
        double y = Math.sqrt(Math.max(0, progress));
        sw = forgetting * sw + 1;
        st = forgetting * st + hours;
        sy = forgetting * sy + y;
        stt = forgetting * stt + hours * hours;
        sty = forgetting * sty + hours * y;
        syy = forgetting * syy + y * y;
    }

    /** Rate of sqrt(progress) per hour; not positive when the device is not getting worse. */
    public double slope() {
        double denominator = sw * stt - st * st;
        return denominator <= 1e-12 ? 0 : (sw * sty - st * sy) / denominator;
    }

    private double intercept() {
        return (sy - slope() * st) / sw;
    }

    /** The hour at which the fitted line reaches progress 1, or NaN when it never will. */
    public double hoursAtFailure() {
        double b = slope();
        return b <= 0 ? Double.NaN : (1 - intercept()) / b;
    }

    /** Share of variance the line explains, 0..1. */
    public double fitQuality() {
        double total = syy - sy * sy / sw;
        if (total <= 1e-12) {
            return 0;
        }
        double residual = syy - intercept() * sy - slope() * sty;
        return Math.max(0, Math.min(1, 1 - residual / total));
    }

    public double weight() {
        return sw;
    }
}
