package io.forewarn.simulator.truth;

import io.forewarn.simulator.faults.FaultKind;
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
 * The ground-truth file: UTF-8 CSV, one row per faulty device, header
 * {@value #HEADER}; instants are ISO-8601 UTC and kinds are lower case. No field needs quoting (ids are
 * {@code [a-z0-9_-]}), so the file splits on commas.
 */
public final class GroundTruthCsv {
    public static final String HEADER = "device_id,product_model,failure_mode,fault_kind,onset_at,failure_at";

    private GroundTruthCsv() {}

    public static void write(Path file, List<GroundTruth> rows) {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(HEADER);
        for (GroundTruth r : rows) {
            lines.add(String.join(",", r.deviceId(), r.productModel(), r.failureMode(),
                    r.kind().name().toLowerCase(Locale.ROOT), r.onsetAt().toString(), r.failureAt().toString()));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file written by {@link #write}; a malformed row is reported with its line number. */
    public static List<GroundTruth> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + ": line 1: expected header " + HEADER);
        }
        List<GroundTruth> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split(",", -1);
            try {
                if (f.length != 6) throw new IllegalArgumentException("expected 6 fields, got " + f.length);
                rows.add(new GroundTruth(f[0], f[1], f[2], FaultKind.valueOf(f[3].toUpperCase(Locale.ROOT)), Instant.parse(f[4]), Instant.parse(f[5])));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
