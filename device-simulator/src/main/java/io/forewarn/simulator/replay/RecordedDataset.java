package io.forewarn.simulator.replay;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.truth.TruthRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A telemetry CSV in the replay format, read in process for training and evaluation instead of published: the same
 * mapping, the same checks (every row, before any is used) and the same event-time order and per-device sequence
 * numbers as {@code replay} publishes.
 */
public final class RecordedDataset {
    /** The replay flags that say which columns carry what; each takes a value. */
    public static final Set<String> MAPPING_FLAGS = Set.of("--timestamp-column", "--device-column", "--model", "--model-column", "--map", "--config");

    private final ReplayPlan plan;

    private RecordedDataset(ReplayPlan plan) {
        this.plan = plan;
    }

    /**
     * Checks the whole file against the mapping and the catalog.
     *
     * @throws IllegalArgumentException naming the file, line and field of the first problem
     */
    public static RecordedDataset scan(Path file, ColumnMapping mapping, ProductCatalog catalog) {
        if (!Files.isReadable(file)) throw new IllegalArgumentException(file + ": no such file or not readable");
        return new RecordedDataset(ReplayPlan.scan(file, mapping, catalog, false, lines -> { }));
    }

    /**
     * The column mapping that replay's flags give ({@link #MAPPING_FLAGS}, as {@code --flag value} pairs), parsed by
     * the replay command itself so both read them alike.
     */
    public static ColumnMapping mapping(List<String> flags) {
        for (int i = 0; i < flags.size(); i += 2) {
            String flag = flags.get(i).contains("=") ? flags.get(i).substring(0, flags.get(i).indexOf('=')) : flags.get(i);
            if (!MAPPING_FLAGS.contains(flag)) throw new IllegalArgumentException("not a column-mapping flag: " + flags.get(i));
            if (flags.get(i).contains("=")) i--;  // --flag=value is one argument
        }
        List<String> args = new ArrayList<>(flags);
        args.add("-");  // the command wants a file name; only the mapping is used
        return ReplayCommand.parse(args.toArray(String[]::new), ReplayConfig.fromEnv(Map.of())).mapping();
    }

    public Path file() {
        return plan.file();
    }

    /** Rows with at least one sensor value. */
    public long rows() {
        return plan.rows();
    }

    /** Device id to its product model, in order of first appearance. */
    public Map<String, ProductModel> devices() {
        return plan.devices();
    }

    public Instant firstTime() {
        return plan.firstTime();
    }

    public Instant lastTime() {
        return plan.lastTime();
    }

    /** The sensor columns as {@code column} or {@code column -> sensor}, in file order. */
    public List<String> sensorColumns() {
        return plan.csv().sensorColumns().stream()
                .map(c -> c.column().equals(c.sensor()) ? c.sensor() : c.column() + " -> " + c.sensor()).toList();
    }

    /**
     * The dataset's events file ({@code device_id,time,type[,failure_mode][,ticket_id]}) as ground truth, in time order.
     *
     * @throws IllegalArgumentException naming the file, line and field of the first problem, or an unknown device
     */
    public List<TruthRow> events(Path eventsFile) {
        if (!Files.isReadable(eventsFile)) throw new IllegalArgumentException(eventsFile + ": no such file or not readable");
        return EventsCsv.read(eventsFile, plan.devices());
    }

    /** Every reading as a telemetry message, in event-time order (equal times in file order), each device numbering 1, 2, 3, …. */
    public void forEach(Consumer<TelemetryMessage> reading) {
        try (Readings readings = readings()) {
            TelemetryMessage next;
            while ((next = readings.next()) != null) reading.accept(next);
        }
    }

    /** An open pass over the readings, for a consumer that pulls them one by one (a bounded stream source). */
    public Readings readings() {
        return new Readings();
    }

    /** The readings one at a time: the file's ascending runs merged by time, one open reader per run. */
    public final class Readings implements AutoCloseable {
        private final List<RunCursor> cursors = new ArrayList<>();
        private final PriorityQueue<RunCursor> merge = new PriorityQueue<>(RunCursor.ORDER);
        private final Map<String, Long> seq = new HashMap<>();

        private Readings() {
            try {
                for (int i = 0; i < plan.runs().size(); i++) {
                    RunCursor c = new RunCursor(plan, i);
                    cursors.add(c);
                    if (c.advance()) merge.add(c);
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(plan.file() + ": cannot read: " + e.getMessage(), e);
            }
        }

        /** The next reading, or null after the last. */
        public TelemetryMessage next() {
            RunCursor c = merge.poll();
            if (c == null) return null;
            TelemetryCsv.Row row = c.row();
            try {
                if (c.advance()) merge.add(c);
            } catch (IOException e) {
                throw new UncheckedIOException(plan.file() + ": cannot read: " + e.getMessage(), e);
            }
            long n = seq.merge(row.deviceId(), 1L, Long::sum);
            return new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, row.deviceId(), row.model().id(), row.time(), n, row.metrics());
        }

        @Override
        public void close() {
            for (RunCursor c : cursors) {
                try {
                    c.close();
                } catch (IOException e) {
                    // nothing was written; the next pass opens the file afresh
                }
            }
        }
    }
}
