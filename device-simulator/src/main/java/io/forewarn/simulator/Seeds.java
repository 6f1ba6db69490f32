package io.forewarn.simulator;

/**
 * Counter-based randomness: every random number is a pure function of a seed and a few counters.
 *
 * <p>Why not one {@code Random} per device: a device's reading number {@code seq} must be the same whichever thread
 * produces it and whether or not earlier readings were produced, so "same seed ⇒ same stream" holds by construction.
 */
public final class Seeds {
    private Seeds() {}

    /** A well-mixed 64-bit value from a seed and any number of counters (SplitMix64 finaliser per step). */
    public static long mix(long seed, long... counters) {
        long h = finalise(seed + 0x9E3779B97F4A7C15L);
        for (long c : counters) {
            h = finalise(h ^ finalise(c + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** Uniform in [0, 1). */
    public static double unitDouble(long mixed) {
        return (mixed >>> 11) * 0x1.0p-53;
    }

    /** Standard normal, by Box–Muller on two values derived from {@code mixed}. */
    public static double gaussian(long mixed) {
        double u1 = 1.0 - unitDouble(mixed);  // (0, 1]: log is finite
        double u2 = unitDouble(finalise(mixed ^ 0xD1B54A32D192ED03L));
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
