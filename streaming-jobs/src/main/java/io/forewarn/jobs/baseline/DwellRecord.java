package io.forewarn.jobs.baseline;

import java.io.Serializable;

/**
 * How long a series has stayed in one level, against the longest it has ever stayed in any: a stay that grows into a
 * length (counted in powers of two, so a stay a little longer than the longest is not news) that no stay has reached
 * before is a record. A stuck sensor, a flat stretch, or a cycle that stopped swinging all make one, though every
 * single reading is familiar. Until a first stay has ended (a flat series) there is nothing to compare with, and no
 * record.
 */
final class DwellRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private int level = Integer.MIN_VALUE;
    private int stay;
    private int longestPowerOfTwo = -1; // floor(log2) of the longest stay so far
    private boolean aStayEnded;

    /** Counts one more reading in {@code level}; whether the stay in it just became a record. */
    boolean recordThenStay(int level) {
        if (level == this.level) {
            stay++;
        } else {
            aStayEnded |= this.level != Integer.MIN_VALUE;
            this.level = level;
            stay = 1;
        }
        // A stay grows one reading at a time, so it passes every power of two up to its own length.
        int powerOfTwo = 31 - Integer.numberOfLeadingZeros(stay);
        if (powerOfTwo <= longestPowerOfTwo) {
            return false;
        }
        longestPowerOfTwo = powerOfTwo;
        return aStayEnded;
    }
}
