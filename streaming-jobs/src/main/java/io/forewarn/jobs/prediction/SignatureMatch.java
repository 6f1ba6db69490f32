package io.forewarn.jobs.prediction;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.SensorShift;
import io.forewarn.jobs.features.FeatureLayout;
import java.io.Serializable;
import java.util.List;

/**
 * How far a device has moved along each failure mode's catalog signature.
 * The progress of a mode is the least-squares scale of its signature that best explains the device's deviation:
 * 0 is the healthy middle, 1 is where the catalog says the product fails.
 */
public final class SignatureMatch implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> modes;
    private final double[][] signatures; // [mode][feature], in half-widths at failure

    public SignatureMatch(FeatureLayout layout, List<FailureMode> failureModes) {
        this.modes = failureModes.stream().map(FailureMode::id).toList();
        this.signatures = new double[failureModes.size()][layout.size()];
        for (int m = 0; m < failureModes.size(); m++) {
            for (SensorShift shift : failureModes.get(m).signature()) {
                signatures[m][layout.indexOf(shift.sensor())] = shift.shiftAtFailure();
            }
        }
    }

    public int modeCount() {
        return modes.size();
    }

    public String mode(int m) {
        return modes.get(m);
    }

    /** Progress of mode {@code m} for a normalised deviation vector. */
    public double progress(int m, double[] deviation) {
        double[] s = signatures[m];
        return dot(deviation, s) / dot(s, s);
    }

    /** The largest absolute shift of mode {@code m}'s signature, in half-widths. */
    public double strongestShift(int m) {
        double max = 0;
        for (double shift : signatures[m]) {
            max = Math.max(max, Math.abs(shift));
        }
        return max;
    }

    /** Cosine between the deviation and mode {@code m}'s signature: 1 when the device moves exactly as the mode predicts. */
    public double similarity(int m, double[] deviation) {
        double[] s = signatures[m];
        double norm = Math.sqrt(dot(deviation, deviation) * dot(s, s));
        return norm == 0 ? 0 : dot(deviation, s) / norm;
    }

    /** The mode whose signature points most nearly the way the device has moved. */
    public int bestMode(double[] deviation) {
        int best = 0;
        for (int m = 1; m < modes.size(); m++) {
            if (similarity(m, deviation) > similarity(best, deviation)) {
                best = m;
            }
        }
        return best;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
