package io.forewarn.simulator.replay;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;

/**
 * One ascending run of a checked telemetry CSV ({@link ReplayPlan.Run}), positioned on its next reading. Merging the
 * runs by {@link #ORDER} gives the file in event-time order, file order among equal times.
 */
final class RunCursor implements AutoCloseable {
    static final Comparator<RunCursor> ORDER = Comparator.<RunCursor, Instant>comparing(c -> c.row.time()).thenComparingInt(c -> c.index);

    private final ReplayPlan plan;
    private final int index;
    private final LineReader reader;
    private final long end;
    private TelemetryCsv.Row row;

    RunCursor(ReplayPlan plan, int index) throws IOException {
        ReplayPlan.Run run = plan.runs().get(index);
        this.plan = plan;
        this.index = index;
        this.reader = new LineReader(plan.file(), run.startOffset(), run.startLine());
        this.end = run.endOffset();
    }

    /** The reading the cursor is on. */
    TelemetryCsv.Row row() {
        return row;
    }

    /** Moves to the run's next reading; false at its end. Rows the scan skipped as malformed are skipped again. */
    boolean advance() throws IOException {
        String line;
        while ((line = reader.next()) != null && reader.lineStart() < end) {
            if (line.isBlank()) continue;
            try {
                row = plan.csv().parse(line, reader.lineNumber(), plan.format());
            } catch (TelemetryCsv.BadRow e) {
                if (plan.badRows() > 0) continue;
                throw new IllegalStateException(plan.file() + " changed while it was read: " + e.getMessage());
            }
            if (row != null) return true;
        }
        row = null;
        return false;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
