package io.forewarn.simulator.usage;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.simulator.Seeds;
import java.util.Arrays;

/**
 * A schedule made of sessions of use each day (the air conditioner switched on, a reheat, a wash, a shift), with the
 * product at rest in between. Each day's sessions are drawn afresh from the device's seed and the day, around the
 * device's habits, which are drawn once from its seed.
 */
abstract class DailySessions extends UsageSchedule {
    static final long DAY = 86_400;
    private static final long HABIT_STREAM = 0x4AB1;
    private static final long DAY_STREAM = 0xDA7;

    private final OperatingMode rest;
    private final long seed;

    DailySessions(OperatingMode rest, long seed) {
        this.rest = rest;
        this.seed = seed;
    }

    /** The sessions of day {@code epochDay} as start, end, start, end, ... seconds of the day, sorted, apart. */
    abstract long[] sessions(long epochDay);

    /** The mode at {@code epochSecond} during a session that began at {@code sessionStart}. */
    abstract ModeSpan during(long sessionStart, long epochSecond);

    @Override
    public final ModeSpan at(long epochSecond) {
        long day = Math.floorDiv(epochSecond, DAY);
        long dayStart = day * DAY;
        long[] today = sessions(day);
        long restSince = Long.MIN_VALUE;
        for (int i = 0; i < today.length; i += 2) {
            long start = dayStart + today[i];
            if (epochSecond < start) break;
            long end = dayStart + today[i + 1];
            if (epochSecond < end) return during(start, epochSecond);
            restSince = end;
        }
        if (restSince == Long.MIN_VALUE) {
            // At rest since the last session of yesterday; with none yesterday either, long enough to have settled.
            long[] yesterday = sessions(day - 1);
            restSince = yesterday.length == 0 ? dayStart - 2 * DAY : dayStart - DAY + yesterday[yesterday.length - 1];
        }
        return new ModeSpan(rest, restSince);
    }

    /** Habit number {@code k} of this device, uniform in [0, 1). */
    final double habit(int k) {
        return Seeds.unitDouble(Seeds.mix(seed, HABIT_STREAM, k));
    }

    /** Draw number {@code k} of day {@code epochDay}, uniform in [0, 1). */
    final double draw(long epochDay, int k) {
        return Seeds.unitDouble(Seeds.mix(seed, DAY_STREAM, epochDay, k));
    }

    static double between(double from, double to, double unit) {
        return from + (to - from) * unit;
    }

    /** Collects a day's sessions, given in hours, and merges those that overlap. */
    static final class Day {
        private double[] hours = new double[8];
        private int size;

        /** A session from {@code startHour} to {@code endHour}, both cut to the day. */
        Day add(double startHour, double endHour) {
            double start = Math.max(0, startHour);
            double end = Math.min(24, endHour);
            if (end <= start) return this;
            if (size == hours.length) hours = Arrays.copyOf(hours, 2 * size);
            hours[size++] = start;
            hours[size++] = end;
            return this;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Start, end, ... in whole minutes as seconds of the day, sorted, overlapping sessions merged. */
        long[] seconds() {
            long[] out = new long[size];
            for (int i = 0; i < size; i++) out[i] = minute(hours[i]);
            // A handful of sessions: insertion sort of the (start, end) pairs by start.
            for (int i = 2; i < size; i += 2) {
                for (int j = i; j > 0 && out[j] < out[j - 2]; j -= 2) {
                    long start = out[j], end = out[j + 1];
                    out[j] = out[j - 2];
                    out[j + 1] = out[j - 1];
                    out[j - 2] = start;
                    out[j - 1] = end;
                }
            }
            int n = 0;
            for (int i = 0; i < size; i += 2) {
                if (n > 0 && out[i] <= out[n - 1]) {
                    out[n - 1] = Math.max(out[n - 1], out[i + 1]);
                } else if (out[i + 1] > out[i]) {
                    out[n++] = out[i];
                    out[n++] = out[i + 1];
                }
            }
            return n == size ? out : Arrays.copyOf(out, n);
        }

        private static long minute(double hour) {
            return Math.round(hour * 60) * 60;
        }
    }
}
