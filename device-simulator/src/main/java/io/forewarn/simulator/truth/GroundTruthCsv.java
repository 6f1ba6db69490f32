package io.forewarn.simulator.truth;

import io.forewarn.simulator.csv.CsvLine;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.contracts.service.MaintenanceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ground-truth file: UTF-8 CSV with the header {@value #HEADER}, one row per failure or maintenance event.
 * Instants are ISO-8601 UTC, event and kind names lower case, empty fields mean unknown or not applicable; a field
 * holding a comma or a quote is quoted (RFC 4180). See device-simulator/README.md, "Ground truth".
 */
public final class GroundTruthCsv {
    public static final String HEADER = "device_id,product_model,event,failure_mode,fault_kind,onset_at,at,ticket_id";
    private static final int COLUMNS = 8;
    static final String FAILURE = "failure";

    private GroundTruthCsv() {}

    public static void write(Path file, List<? extends TruthRow> rows) {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(HEADER);
        for (TruthRow r : rows) lines.add(line(r));
        try {
            createParent(file);
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth to " + file + ": " + e.getMessage(), e);
        }
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }

    /** One row as a CSV line (no line break). */
    public static String line(TruthRow row) {
        if (row instanceof GroundTruth f) {
            return String.join(",", CsvLine.quote(f.deviceId()), CsvLine.quote(f.productModel()), FAILURE,
                    CsvLine.quote(f.failureMode()), f.kind() == null ? "" : lower(f.kind().name()),
                    f.onsetAt() == null ? "" : f.onsetAt().toString(), f.failureAt().toString(), "");
        }
        MaintenanceRecord m = (MaintenanceRecord) row;
        return String.join(",", CsvLine.quote(m.deviceId()), CsvLine.quote(m.productModel()),
                lower(m.type().name()), CsvLine.quote(m.failureMode()), "", "", m.at().toString(), CsvLine.quote(m.ticketId()));
    }

    /** The failure rows of a file written by {@link #write} (maintenance rows skipped); see {@link #readAll}. */
    public static List<GroundTruth> read(Path file) {
        return readAll(file).stream().filter(GroundTruth.class::isInstance).map(GroundTruth.class::cast).toList();
    }

    /** Every row of a ground-truth file, in file order; a malformed row is reported with its line number and field. */
    public static List<TruthRow> readAll(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + ": line 1: expected header " + HEADER);
        }
        List<TruthRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                rows.add(parse(CsvLine.split(lines.get(i))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static TruthRow parse(List<String> f) {
        if (f.size() != COLUMNS) throw new IllegalArgumentException("expected " + COLUMNS + " fields, got " + f.size());
        String device = required(f.get(0), "device_id");
        String model = emptyToNull(f.get(1));
        String event = f.get(2);
        if (event.equals(FAILURE)) {
            FaultKind kind = f.get(4).isEmpty() ? null : FaultKind.valueOf(upper(f.get(4), "fault_kind", FaultKind.values()));
            return new GroundTruth(device, model, emptyToNull(f.get(3)), kind, instant(f.get(5), "onset_at", true), instant(f.get(6), "at", false));
        }
        MaintenanceType type = MaintenanceType.valueOf(upper(event, "event", MaintenanceType.values()));
        return new MaintenanceRecord(device, model, type, instant(f.get(6), "at", false), emptyToNull(f.get(3)), emptyToNull(f.get(7)));
    }

    private static String required(String value, String field) {
        if (value.isEmpty()) throw new IllegalArgumentException(field + ": missing");
        return value;
    }

    private static String upper(String value, String field, Enum<?>[] allowed) {
        String name = value.toUpperCase(Locale.ROOT);
        for (Enum<?> e : allowed) {
            if (e.name().equals(name)) return name;
        }
        List<String> names = new ArrayList<>();
        if (field.equals("event")) names.add(FAILURE);
        for (Enum<?> e : allowed) names.add(lower(e.name()));
        throw new IllegalArgumentException(field + ": expected one of " + names + ", got '" + value + "'");
    }

    private static Instant instant(String value, String field, boolean optional) {
        if (value.isEmpty() && optional) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": expected an ISO-8601 UTC instant, got '" + value + "'");
        }
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
