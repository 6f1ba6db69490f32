package io.forewarn.jobs.readings;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.DeviceState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: drops readings whose sequence number was already seen, as MQTT redelivers after a restart.
 * State is three longs per device: the highest sequence number, a bitmap of the 64 below it (so late readings up to
 * 64 behind are still told apart from duplicates; older ones are dropped as duplicates, counted), and the latest
 * event time, which tells a device that restarted its count from a redelivery. Devices silent for the state's
 * time-to-live are forgotten.
 */
public class DuplicateFilter extends KeyedProcessFunction<String, TelemetryMessage, TelemetryMessage> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<SeenSequences> seen;
    private transient Counter duplicates;

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(DeviceState.forgottenWhenSilent(new ValueStateDescriptor<>("seen-sequences", SeenSequences.class)));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateReadingsDropped");
    }

    @Override
    public void processElement(TelemetryMessage message, Context ctx, Collector<TelemetryMessage> out) throws Exception {
        SeenSequences state = seen.value();
        if (state == null) {
            state = new SeenSequences();
        }
        if (state.firstSighting(message.seq(), message.eventTime().toEpochMilli())) {
            seen.update(state);
            out.collect(message);
        } else {
            duplicates.inc();
        }
    }

    /** The highest sequence number seen and which of the 64 before it were seen too. */
    public static final class SeenSequences {
        public long highest = -1;
        public long window; // bit i set: highest - 1 - i was seen
        public long latestEventTime = Long.MIN_VALUE;

        /** True the first time {@code seq} is offered, false for a repeat (or one too old to tell). */
        public boolean firstSighting(long seq) {
            return firstSighting(seq, Long.MIN_VALUE);
        }

        /**
         * As {@link #firstSighting(long)}, and a device that starts counting again (a reboot or a replaced board)
         * is recognised: a sequence number far behind the highest, measured after every reading seen so far, is a
         * new count, not a redelivery (a redelivered reading carries its original, older event time).
         */
        public boolean firstSighting(long seq, long eventTimeMillis) {
            boolean restartedCount = highest - seq > 64 && eventTimeMillis > latestEventTime;
            latestEventTime = Math.max(latestEventTime, eventTimeMillis);
            if (restartedCount) {
                highest = seq;
                window = 0;
                return true;
            }
            if (seq > highest) {
                long shift = seq - highest;
                // Shift in two steps: Java masks a long shift to 6 bits, so window << 64 would be window itself.
                window = shift > 64 ? 0 : ((window << 1) << (shift - 1)) | (highest >= 0 ? 1L << (shift - 1) : 0);
                highest = seq;
                return true;
            }
            long behind = highest - seq;
            if (behind == 0 || behind > 64) {
                return false;
            }
            long bit = 1L << (behind - 1);
            if ((window & bit) != 0) {
                return false;
            }
            window |= bit;
            return true;
        }
    }
}
