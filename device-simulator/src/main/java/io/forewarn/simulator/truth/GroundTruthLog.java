package io.forewarn.simulator.truth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A ground-truth file written as the run goes: the rows known at the start, then each maintenance event (and any
 * failure it reschedules) appended and flushed as it happens, so an interrupted run still leaves its truth behind.
 * Thread-safe.
 */
public final class GroundTruthLog implements Consumer<TruthRow>, AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    private GroundTruthLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Creates (or replaces) {@code file} with the header and {@code initial}. */
    public static GroundTruthLog create(Path file, List<? extends TruthRow> initial) {
        try {
            GroundTruthCsv.createParent(file);
            GroundTruthLog log = new GroundTruthLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            log.writeLine(GroundTruthCsv.HEADER);
            for (TruthRow row : initial) log.writeLine(GroundTruthCsv.line(row));
            log.out.flush();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void accept(TruthRow row) {
        try {
            writeLine(GroundTruthCsv.line(row));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to ground truth " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeLine(String line) throws IOException {
        out.write(line);
        out.write('\n');
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ground truth " + file + ": " + e.getMessage(), e);
        }
    }
}
