package io.forewarn.simulator.replay;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * What a first pass over a telemetry CSV found: every row checked, the devices and their product models, the time
 * span, and the file's ascending runs (a new run starts wherever time goes back). The replay then merges the runs,
 * one reader each, so a file concatenated per device replays in event-time order in constant memory.
 *
 * @param runs ascending runs in file order; one run means the file is in time order
 * @param devices device id to its product model, in order of first appearance
 * @param rows data rows that will be published
 * @param gaps data rows without any sensor value (not published)
 * @param badRows rows skipped as malformed (only with skip-bad-rows; otherwise the first one is an error)
 * @param firstBadRows messages of the first few skipped rows
 */
record ReplayPlan(
        Path file,
        TelemetryCsv csv,
        TimestampFormat format,
        List<Run> runs,
        Map<String, ProductModel> devices,
        long rows,
        long gaps,
        long badRows,
        List<String> firstBadRows,
        Instant firstTime,
        Instant lastTime) {

    /** Most ascending runs replay merges; each is an open file with a 64 KiB buffer. */
    static final int MAX_RUNS = 1_024;
    private static final int BAD_ROWS_SHOWN = 5;

    /** Lines {@code [startLine, …)} from byte {@code startOffset} up to {@code endOffset} (exclusive). */
    record Run(long startOffset, long endOffset, long startLine) {}

    boolean inTimeOrder() {
        return runs.size() <= 1;
    }

    /**
     * Reads the whole file once.
     *
     * @param progress told the number of lines read every 100,000 lines
     * @throws IllegalArgumentException for a bad header or mapping, a bad row (unless skipping them), a file with no
     *     rows, or too many runs; the message names the file, line and field
     */
    static ReplayPlan scan(Path file, ColumnMapping mapping, ProductCatalog catalog,
                           boolean skipBadRows, LongConsumer progress) {
        try (LineReader reader = new LineReader(file, 0, 1)) {
            TelemetryCsv csv = TelemetryCsv.resolve(file, reader.next(), mapping, catalog);
            TimestampFormat format = null;
            List<long[]> runStarts = new ArrayList<>();  // {offset, line}
            Map<String, ProductModel> devices = new LinkedHashMap<>();
            List<String> firstBad = new ArrayList<>();
            long rows = 0;
            long gaps = 0;
            long bad = 0;
            Instant previous = null;
            Instant first = null;
            Instant last = null;
            String line;
            while ((line = reader.next()) != null) {
                long number = reader.lineNumber();
                if (number % 100_000 == 0) progress.accept(number);
                if (line.isBlank()) continue;
                if (format == null) format = detectFormat(file, csv, line, number);
                TelemetryCsv.Row row;
                try {
                    row = csv.parse(line, number, format);
                    ProductModel known = row == null ? null : devices.get(row.deviceId());
                    if (row != null && known == null) {
                        devices.put(row.deviceId(), row.model());
                    } else if (row != null && !known.id().equals(row.model().id())) {
                        throw new TelemetryCsv.BadRow(file, number, mapping.modelColumn(), "device '" + row.deviceId() + "' was "
                                + known.id() + " on an earlier line, here it is " + row.model().id());
                    }
                } catch (TelemetryCsv.BadRow e) {
                    if (!skipBadRows) throw new IllegalArgumentException(e.getMessage() + " (use --skip-bad-rows to skip and count such rows)");
                    bad++;
                    if (firstBad.size() < BAD_ROWS_SHOWN) firstBad.add(e.getMessage());
                    continue;
                }
                if (row == null) {
                    gaps++;
                    continue;
                }
                rows++;
                if (previous == null || row.time().isBefore(previous)) {
                    if (runStarts.size() == MAX_RUNS) throw tooManyRuns(file, number, row.time(), previous);
                    runStarts.add(new long[] {reader.lineStart(), number});
                }
                previous = row.time();
                if (first == null || row.time().isBefore(first)) first = row.time();
                if (last == null || row.time().isAfter(last)) last = row.time();
            }
            if (rows == 0) {
                throw new IllegalArgumentException(file + ": no rows to replay" + (bad > 0 ? " (" + bad + " malformed rows skipped)" : gaps > 0 ? " (every row lacks sensor values)" : ""));
            }
            List<Run> runs = new ArrayList<>(runStarts.size());
            for (int i = 0; i < runStarts.size(); i++) {
                long runEnd = i + 1 < runStarts.size() ? runStarts.get(i + 1)[0] : Long.MAX_VALUE;
                runs.add(new Run(runStarts.get(i)[0], runEnd, runStarts.get(i)[1]));
            }
            return new ReplayPlan(file, csv, format, List.copyOf(runs), Collections.unmodifiableMap(devices), rows, gaps, bad,
                    List.copyOf(firstBad), first, last);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static TimestampFormat detectFormat(Path file, TelemetryCsv csv, String line, long number) {
        String text = csv.timestampText(line);
        try {
            if (text == null) throw new IllegalArgumentException("no timestamp field");
            return TimestampFormat.detect(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + number + ": the first row's timestamp '" + text + "' is neither "
                    + TimestampFormat.ISO_8601.description() + " nor seconds or milliseconds since 1970");
        }
    }

    private static IllegalArgumentException tooManyRuns(Path file, long line, Instant time, Instant previous) {
        return new IllegalArgumentException(file + ":" + line + ": rows are not in time order (" + time + " after " + previous
                + "), and the file goes back in time more than " + MAX_RUNS + " times. Replay merges up to " + MAX_RUNS
                + " time-ordered stretches (e.g. one per device) in constant memory; sort this file by its timestamp first.");
    }
}
