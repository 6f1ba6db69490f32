package io.forewarn.simulator.replay;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage.Metric;
import io.forewarn.simulator.csv.CsvLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The columns of one telemetry CSV resolved against its header, the mapping and the catalog: turns a data line into
 * a reading, or says which field of it is wrong. Every problem with the header or the mapping is found by
 * {@link #resolve} before any row is read.
 */
final class TelemetryCsv {
    /** Device ids become a topic segment: no MQTT wildcards or separators, no white space. */
    private static final Pattern DEVICE_ID = Pattern.compile("[^/+#\\s\\p{Cntrl}]{1,128}");

    private final Path file;
    private final int columns;
    private final int timestampIndex;
    private final String timestampColumn;
    private final int deviceIndex;
    private final String deviceColumn;
    private final int modelIndex;              // -1 with a fixed model
    private final String modelColumn;
    private final ProductModel fixedModel;     // null with a model column
    private final ProductCatalog catalog;
    private final List<SensorColumn> sensorColumns;
    private final boolean explicitMap;
    private final Map<String, SensorSpec[]> specsByModel = new HashMap<>();

    /** A column carrying a sensor's readings. */
    record SensorColumn(int index, String column, String sensor) {}

    /** One data row as a reading (its sequence number is the replay's to give). */
    record Row(Instant time, String deviceId, ProductModel model, Map<String, Metric> metrics) {}

    /** A data row that cannot be replayed; the message names the file, line and field. */
    static final class BadRow extends Exception {
        BadRow(Path file, long line, String field, String problem) {
            super(file + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ") + problem);
        }
    }

    private TelemetryCsv(Path file, int columns, int timestampIndex, String timestampColumn, int deviceIndex, String deviceColumn,
                         int modelIndex, String modelColumn, ProductModel fixedModel, ProductCatalog catalog,
                         List<SensorColumn> sensorColumns, boolean explicitMap) {
        this.file = file;
        this.columns = columns;
        this.timestampIndex = timestampIndex;
        this.timestampColumn = timestampColumn;
        this.deviceIndex = deviceIndex;
        this.deviceColumn = deviceColumn;
        this.modelIndex = modelIndex;
        this.modelColumn = modelColumn;
        this.fixedModel = fixedModel;
        this.catalog = catalog;
        this.sensorColumns = List.copyOf(sensorColumns);
        this.explicitMap = explicitMap;
    }

    /**
     * Checks the header and the mapping.
     *
     * @throws IllegalArgumentException naming the file, line 1 or the flag, and what is wrong
     */
    static TelemetryCsv resolve(Path file, String headerLine, ColumnMapping mapping, ProductCatalog catalog) {
        String at = file + ":1: ";
        if (headerLine == null || headerLine.isBlank()) throw new IllegalArgumentException(at + "expected a header line naming the columns, the file is empty");
        List<String> header;
        try {
            header = CsvLine.split(headerLine).stream().map(String::trim).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + "header: " + e.getMessage());
        }
        if ((mapping.model() == null) == (mapping.modelColumn() == null)) {
            throw new IllegalArgumentException("give the product model: --model PRODUCT_MODEL for the whole file, or --model-column C (one of them)");
        }
        ProductModel fixed = null;
        if (mapping.model() != null) {
            fixed = catalog.model(mapping.model()).orElseThrow(() -> new IllegalArgumentException("--model: '" + mapping.model()
                    + "' is not a catalog product model (" + catalog.models().stream().map(ProductModel::id).toList() + ")"));
        }
        String timestampColumn = mapping.timestampColumnOrDefault();
        String deviceColumn = mapping.deviceColumnOrDefault();
        int timestamp = column(header, timestampColumn, at, "the timestamp column", "--timestamp-column");
        int device = column(header, deviceColumn, at, "the device column", "--device-column");
        int model = mapping.modelColumn() == null ? -1 : column(header, mapping.modelColumn(), at, "the product model column", "--model-column");
        Set<Integer> used = new TreeSet<>(List.of(timestamp, device, model));

        List<SensorColumn> sensors = new ArrayList<>();
        Map<String, String> sensorOwner = new HashMap<>();
        boolean explicit = !mapping.map().isEmpty();
        if (explicit) {
            for (Map.Entry<String, String> e : mapping.map().entrySet()) {
                String where = "--map " + e.getKey() + "=" + e.getValue() + ": ";
                int index = column(header, e.getKey(), at, "mapped column '" + e.getKey() + "'", "--map");
                if (used.contains(index)) throw new IllegalArgumentException(where + "column '" + e.getKey() + "' is already the timestamp, device or model column");
                if (fixed != null && fixed.sensor(e.getValue()).isEmpty()) {
                    throw new IllegalArgumentException(where + fixed.id() + " has no sensor '" + e.getValue() + "' (its sensors: " + sensorNames(fixed) + ")");
                }
                if (fixed == null && catalog.models().stream().noneMatch(m -> m.sensor(e.getValue()).isPresent())) {
                    throw new IllegalArgumentException(where + "no catalog product model has a sensor '" + e.getValue() + "'");
                }
                String previous = sensorOwner.put(e.getValue(), e.getKey());
                if (previous != null) throw new IllegalArgumentException(where + "sensor '" + e.getValue() + "' is already mapped from column '" + previous + "'");
                sensors.add(new SensorColumn(index, e.getKey(), e.getValue()));
            }
        } else {
            // Without a map: every column named like a sensor of the model (of any catalog model, with a model column).
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (used.contains(i) || sensorOwner.containsKey(name)) continue;
                boolean isSensor = fixed != null ? fixed.sensor(name).isPresent()
                        : catalog.models().stream().anyMatch(m -> m.sensor(name).isPresent());
                if (isSensor) {
                    sensorOwner.put(name, name);
                    sensors.add(new SensorColumn(i, name, name));
                }
            }
            if (sensors.isEmpty()) {
                throw new IllegalArgumentException(at + "no column is named like a sensor of " + (fixed != null ? fixed.id() + " (" + sensorNames(fixed) + ")" : "any catalog model")
                        + "; map columns to sensors with --map COLUMN=SENSOR (columns: " + String.join(", ", header) + ")");
            }
        }
        return new TelemetryCsv(file, header.size(), timestamp, timestampColumn, device, deviceColumn, model, mapping.modelColumn(), fixed, catalog, sensors, explicit);
    }

    private static int column(List<String> header, String name, String at, String what, String flag) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(at + "no column '" + name + "' for " + what + " (columns: " + String.join(", ", header) + "); name it with " + flag);
        }
        if (header.lastIndexOf(name) != index) throw new IllegalArgumentException(at + "column '" + name + "' appears more than once");
        return index;
    }

    private static String sensorNames(ProductModel model) {
        return String.join(", ", model.sensors().stream().map(SensorSpec::name).toList());
    }

    List<SensorColumn> sensorColumns() {
        return sensorColumns;
    }

    ProductModel fixedModel() {
        return fixedModel;
    }

    /** The raw timestamp of a data line, to detect the file's format; null when the line has no such field. */
    String timestampText(String line) {
        try {
            List<String> fields = CsvLine.split(line);
            return fields.size() > timestampIndex ? fields.get(timestampIndex) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The reading on {@code line}, or null when none of its sensor fields holds a value (a gap in the data).
     *
     * @throws BadRow naming the field that cannot be read
     * @throws IllegalArgumentException when a row's product model lacks an explicitly mapped sensor (a mapping error)
     */
    Row parse(String line, long lineNumber, TimestampFormat format) throws BadRow {
        List<String> fields;
        try {
            fields = CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new BadRow(file, lineNumber, null, e.getMessage());
        }
        if (fields.size() != columns) throw new BadRow(file, lineNumber, null, "expected " + columns + " fields as in the header, got " + fields.size());
        Instant time;
        try {
            time = format.parse(fields.get(timestampIndex));
        } catch (IllegalArgumentException e) {
            throw new BadRow(file, lineNumber, timestampColumn, e.getMessage());
        }
        String device = fields.get(deviceIndex).trim();
        if (!DEVICE_ID.matcher(device).matches()) {
            throw new BadRow(file, lineNumber, deviceColumn, device.isEmpty() ? "missing device id"
                    : "device id '" + device + "' cannot be an MQTT topic segment (no '/', '+', '#', white space; at most 128 characters)");
        }
        ProductModel model = fixedModel;
        if (model == null) {
            String id = fields.get(modelIndex).trim();
            model = catalog.model(id).orElse(null);
            if (model == null) throw new BadRow(file, lineNumber, modelColumn, "'" + id + "' is not a catalog product model");
        }
        SensorSpec[] specs = specsOf(model, lineNumber);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] == null) continue;
            SensorColumn c = sensorColumns.get(i);
            String text = fields.get(c.index()).trim();
            if (text.isEmpty()) continue;  // not measured in this row
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new BadRow(file, lineNumber, c.column(), "expected a number, got '" + text + "'");
            }
            if (!Double.isFinite(value)) throw new BadRow(file, lineNumber, c.column(), "expected a finite number, got '" + text + "'");
            metrics.put(c.sensor(), new Metric(value, specs[i].unit()));
        }
        return metrics.isEmpty() ? null : new Row(time, device, model, metrics);
    }

    // The catalog sensor of each sensor column for one model; null where the model has no such sensor.
    private SensorSpec[] specsOf(ProductModel model, long lineNumber) {
        SensorSpec[] specs = specsByModel.get(model.id());
        if (specs != null) return specs;
        specs = new SensorSpec[sensorColumns.size()];
        for (int i = 0; i < specs.length; i++) {
            SensorColumn c = sensorColumns.get(i);
            specs[i] = model.sensor(c.sensor()).orElse(null);
            if (specs[i] == null && explicitMap) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": field '" + modelColumn + "': " + model.id()
                        + " has no sensor '" + c.sensor() + "' (mapped from column '" + c.column() + "'); its sensors: " + sensorNames(model));
            }
        }
        specsByModel.put(model.id(), specs);
        return specs;
    }
}
