package io.forewarn.simulator.replay;

import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.simulator.csv.CsvLine;
import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.simulator.truth.GroundTruth;
import io.forewarn.simulator.truth.MaintenanceRecord;
import io.forewarn.simulator.truth.TruthRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A replayed dataset's events file, turned into ground truth: UTF-8 CSV with a header naming at least
 * {@code device_id}, {@code time} and {@code type}, optionally {@code failure_mode} and {@code ticket_id} (any order,
 * other columns ignored). {@code type} is {@code FAILURE}, {@code REPAIR}, {@code PREVENTIVE_SERVICE} or
 * {@code MAINTENANCE} (a service that was not a repair: read as a preventive service), case-insensitive; timestamps
 * as in the telemetry (format detected from the first row).
 */
final class EventsCsv {
    private EventsCsv() {}

    /**
     * Ground-truth rows for every event, in time order (file order among equal times). A failure's onset and kind are
     * unknown for recorded data, so they stay empty.
     *
     * @param devices the replayed devices and their models; an event for any other device is an error
     * @throws IllegalArgumentException naming the file, line and field of the first problem
     */
    static List<TruthRow> read(Path file, Map<String, ProductModel> devices) {
        try (LineReader reader = new LineReader(file, 0, 1)) {
            String headerLine = reader.next();
            if (headerLine == null || headerLine.isBlank()) {
                throw new IllegalArgumentException(file + ":1: expected a header line (device_id,time,type[,failure_mode][,ticket_id]), the file is empty");
            }
            List<String> header = CsvLine.split(headerLine).stream().map(String::trim).toList();
            int device = column(file, header, "device_id", true);
            int time = column(file, header, "time", true);
            int type = column(file, header, "type", true);
            int mode = column(file, header, "failure_mode", false);
            int ticket = column(file, header, "ticket_id", false);
            TimestampFormat format = null;
            List<TruthRow> rows = new ArrayList<>();
            String line;
            while ((line = reader.next()) != null) {
                long n = reader.lineNumber();
                if (line.isBlank()) continue;
                List<String> f;
                try {
                    f = CsvLine.split(line);
                } catch (IllegalArgumentException e) {
                    throw bad(file, n, null, e.getMessage());
                }
                if (f.size() != header.size()) throw bad(file, n, null, "expected " + header.size() + " fields as in the header, got " + f.size());
                String id = f.get(device).trim();
                ProductModel model = devices.get(id);
                if (model == null) throw bad(file, n, "device_id", "device '" + id + "' does not appear in the replayed telemetry");
                if (format == null) {
                    try {
                        format = TimestampFormat.detect(f.get(time));
                    } catch (IllegalArgumentException e) {
                        throw bad(file, n, "time", "'" + f.get(time) + "' is neither " + TimestampFormat.ISO_8601.description() + " nor seconds or milliseconds since 1970");
                    }
                }
                Instant at;
                try {
                    at = format.parse(f.get(time));
                } catch (IllegalArgumentException e) {
                    throw bad(file, n, "time", e.getMessage());
                }
                String failureMode = mode < 0 || f.get(mode).isBlank() ? null : f.get(mode).trim();
                String ticketId = ticket < 0 || f.get(ticket).isBlank() ? null : f.get(ticket).trim();
                String kind = f.get(type).trim().toUpperCase(Locale.ROOT);
                rows.add(switch (kind) {
                    case "FAILURE" -> new GroundTruth(id, model.id(), failureMode, null, null, at);
                    case "REPAIR" -> new MaintenanceRecord(id, model.id(), MaintenanceType.REPAIR, at, failureMode, ticketId);
                    case "PREVENTIVE_SERVICE", "MAINTENANCE" -> new MaintenanceRecord(id, model.id(), MaintenanceType.PREVENTIVE_SERVICE, at, failureMode, ticketId);
                    default -> throw bad(file, n, "type", "expected FAILURE, REPAIR, PREVENTIVE_SERVICE or MAINTENANCE, got '" + f.get(type) + "'");
                });
            }
            List<TruthRow> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(EventsCsv::timeOf));  // stable: file order among equal times
            return sorted;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Instant timeOf(TruthRow row) {
        return row instanceof GroundTruth g ? g.failureAt() : ((MaintenanceRecord) row).at();
    }

    private static int column(Path file, List<String> header, String name, boolean required) {
        int index = header.indexOf(name);
        if (index < 0 && required) {
            throw new IllegalArgumentException(file + ":1: no column '" + name + "' (an events file has device_id,time,type"
                    + " and optionally failure_mode,ticket_id; columns here: " + String.join(", ", header) + ")");
        }
        return index;
    }

    private static IllegalArgumentException bad(Path file, long line, String field, String problem) {
        return new IllegalArgumentException(file + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ") + problem);
    }
}
