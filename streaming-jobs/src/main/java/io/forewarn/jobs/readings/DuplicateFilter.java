package io.forewarn.jobs.readings;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.DeviceState;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: drops readings whose sequence number was already seen, as MQTT redelivers after a restart.
 *
 * <p>Readings of one device need not arrive in order: two readers draining a shared subscription's backlog can
 * deliver a device's reading a thousand places after its successors. So the state remembers exactly which
 * sequence numbers below the highest have <em>not</em> been seen, as ranges (a device whose readings arrive in
 * order has at most one: everything before the first reading this job saw). At most {@link SeenSequences#MAX_GAPS}
 * ranges are kept; when a device has more (a long lossy QoS 0 stretch), the oldest is given up, and a reading from
 * it is dropped as too old to tell and counted apart from duplicates. Devices silent for the state's time-to-live
 * are forgotten.
 */
public class DuplicateFilter extends KeyedProcessFunction<String, TelemetryMessage, TelemetryMessage> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<SeenSequences> seen;
    private transient Counter duplicates;
    private transient Counter tooOld;

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(DeviceState.forgottenWhenSilent(new ValueStateDescriptor<>("seen-sequences", SeenSequences.class)));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateReadingsDropped");
        tooOld = getRuntimeContext().getMetricGroup().counter("readingsTooOldToTellDropped");
    }

    @Override
    public void processElement(TelemetryMessage message, Context ctx, Collector<TelemetryMessage> out) throws Exception {
        SeenSequences state = seen.value();
        if (state == null) {
            state = new SeenSequences();
        }
        switch (state.sighting(message.seq(), message.eventTime().toEpochMilli())) {
            case FIRST -> {
                seen.update(state);
                out.collect(message);
            }
            case REPEAT -> duplicates.inc();
            case TOO_OLD_TO_TELL -> tooOld.inc();
        }
    }

    /** What a sequence number offered to {@link SeenSequences} turned out to be. */
    public enum Sighting { FIRST, REPEAT, TOO_OLD_TO_TELL }

    /** The highest sequence number seen and the ranges below it not seen yet (a Flink POJO). */
    public static final class SeenSequences {
        /** Bounds the state: 16 bytes a range, so at most 8 KB per device. */
        public static final int MAX_GAPS = 512;
        /** A sequence number this far behind the highest, with a newer event time, starts a new count. */
        static final long RESTART_DISTANCE = 64;

        public long highest = -1;
        /** Unseen ranges below {@code highest}, inclusive bounds, ascending: {from0, to0, from1, to1, ...}. */
        public long[] gaps = new long[0];
        /** Sequence numbers below this were given up with a dropped range; a reading there cannot be told apart. */
        public long forgottenBelow = Long.MIN_VALUE;
        public long latestEventTime = Long.MIN_VALUE;

        /** True the first time {@code seq} is offered, false for a repeat (or one too old to tell). */
        public boolean firstSighting(long seq) {
            return sighting(seq, Long.MIN_VALUE) == Sighting.FIRST;
        }

        /** As {@link #sighting(long, long)}, true only for a first sighting. */
        public boolean firstSighting(long seq, long eventTimeMillis) {
            return sighting(seq, eventTimeMillis) == Sighting.FIRST;
        }

        /**
         * Records {@code seq}. A device that starts counting again (a reboot or a replaced board) is recognised: a
         * sequence number far behind the highest, measured after every reading seen so far, is a new count, not a
         * late or redelivered reading (those carry their original, older event time).
         */
        public Sighting sighting(long seq, long eventTimeMillis) {
            boolean restartedCount = highest - seq > RESTART_DISTANCE && eventTimeMillis > latestEventTime;
            latestEventTime = Math.max(latestEventTime, eventTimeMillis);
            if (highest < 0 || restartedCount) {
                highest = seq;
                gaps = new long[0];
                forgottenBelow = Long.MIN_VALUE;
                if (seq > 0) addGap(0, seq - 1); // a count that began before this job heard the device
                return Sighting.FIRST;
            }
            if (seq > highest) {
                if (seq > highest + 1) addGap(highest + 1, seq - 1);
                highest = seq;
                return Sighting.FIRST;
            }
            int at = gapHolding(seq);
            if (at >= 0) {
                fill(at, seq);
                return Sighting.FIRST;
            }
            return seq < forgottenBelow ? Sighting.TOO_OLD_TO_TELL : Sighting.REPEAT;
        }

        /** The index of the range holding {@code seq}, or -1: binary search over the ascending, disjoint ranges. */
        private int gapHolding(long seq) {
            int low = 0;
            int high = gaps.length / 2 - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (seq < gaps[2 * mid]) {
                    high = mid - 1;
                } else if (seq > gaps[2 * mid + 1]) {
                    low = mid + 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        /** New ranges are always above every existing one, as they lie between the old and the new highest. */
        private void addGap(long from, long to) {
            gaps = Arrays.copyOf(gaps, gaps.length + 2);
            gaps[gaps.length - 2] = from;
            gaps[gaps.length - 1] = to;
            giveUpOldestBeyondTheBound();
        }

        /** Takes {@code seq} out of range {@code at}: the range shrinks, splits in two, or goes. */
        private void fill(int at, long seq) {
            long from = gaps[2 * at];
            long to = gaps[2 * at + 1];
            if (from == to) {
                long[] fewer = new long[gaps.length - 2];
                System.arraycopy(gaps, 0, fewer, 0, 2 * at);
                System.arraycopy(gaps, 2 * at + 2, fewer, 2 * at, gaps.length - 2 * at - 2);
                gaps = fewer;
            } else if (seq == from) {
                gaps[2 * at] = from + 1;
            } else if (seq == to) {
                gaps[2 * at + 1] = to - 1;
            } else {
                long[] more = new long[gaps.length + 2];
                System.arraycopy(gaps, 0, more, 0, 2 * at + 1);
                more[2 * at + 1] = seq - 1;
                more[2 * at + 2] = seq + 1;
                System.arraycopy(gaps, 2 * at + 1, more, 2 * at + 3, gaps.length - 2 * at - 1);
                gaps = more;
                giveUpOldestBeyondTheBound();
            }
        }

        private void giveUpOldestBeyondTheBound() {
            if (gaps.length / 2 > MAX_GAPS) {
                forgottenBelow = gaps[1] + 1;
                gaps = Arrays.copyOfRange(gaps, 2, gaps.length);
            }
        }
    }
}
