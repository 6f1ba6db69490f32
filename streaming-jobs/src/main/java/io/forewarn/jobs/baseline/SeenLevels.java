package io.forewarn.jobs.baseline;

import java.io.Serializable;

/**
 * Which levels of a sensor's range a series of values has visited, at {@code resolutions} resolutions: one bit per
 * level of the finest one (a coarser level is visited when any of the finer levels in it is), over the usual range
 * and {@value #MARGIN_RANGES} range widths on each side of it; values further out share the edge level.
 */
final class SeenLevels implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How many usual-range widths beyond each side of the range still get levels of their own. */
    static final int MARGIN_RANGES = 8;

    private final int resolutions;
    private final int finestLevels;
    private final long[] bits;

    SeenLevels(int levels, int resolutions) {
        this.resolutions = resolutions;
        this.finestLevels = levels << (resolutions - 1);
        this.bits = new long[(size() + 63) / 64];
    }

    /** {@code rangeShare} is the value's position in the usual range (0 at its low end, 1 at its high end). */
    double noveltyThenVisit(double rangeShare) {
        double index = Math.floor(rangeShare * finestLevels) + (double) finestLevels * MARGIN_RANGES;
        int level = (int) Math.max(0, Math.min(size() - 1, index));
        int newLevels = 0;
        for (int r = 0; r < resolutions; r++) {
            int shift = resolutions - 1 - r; // a level at resolution r spans 2^shift finest levels
            int from = (level >> shift) << shift;
            if (!anyVisited(from, Math.min(size(), from + (1 << shift)))) {
                newLevels++;
            }
        }
        visit(level);
        return (double) newLevels / resolutions;
    }

    /** Marks the finest level just below the usual range and the one just above it as visited. */
    void visitJustBeyondTheRange() {
        visit(finestLevels * MARGIN_RANGES - 1);
        visit(finestLevels * (MARGIN_RANGES + 1));
    }

    private void visit(int level) {
        bits[level >> 6] |= 1L << (level & 63);
    }

    private int size() {
        return finestLevels * (2 * MARGIN_RANGES + 1);
    }

    private boolean anyVisited(int from, int to) {
        for (int i = from; i < to; i++) {
            if ((bits[i >> 6] & (1L << (i & 63))) != 0) {
                return true;
            }
        }
        return false;
    }
}
