package io.forewarn.simulator.replay;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSV columns carry what: the timestamp, the device, the product model (one for the whole file, or a column),
 * and which columns are which catalog sensors. Given by flags, by a JSON file ({@code --config}), or both (flags win).
 *
 * <pre>{"timestampColumn": "datetime", "deviceColumn": "machineID", "model": "PUMP-CEN-15KW",
 *  "map": {"vibration": "vibration_rms", "pressure": "discharge_pressure"}}</pre>
 *
 * @param timestampColumn default {@value #DEFAULT_TIMESTAMP_COLUMN}
 * @param deviceColumn default {@value #DEFAULT_DEVICE_COLUMN}
 * @param model catalog product model of every row, or null when {@code modelColumn} names it per row
 * @param modelColumn column holding each row's catalog product model, or null
 * @param map CSV column to catalog sensor name, in publishing order; empty: every column named like a sensor
 */
public record ColumnMapping(String timestampColumn, String deviceColumn, String model, String modelColumn, Map<String, String> map) {
    public static final String DEFAULT_TIMESTAMP_COLUMN = "timestamp";
    public static final String DEFAULT_DEVICE_COLUMN = "device_id";

    public ColumnMapping {
        map = map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Nothing given: the default column names, no model, no explicit sensor map. */
    public static ColumnMapping empty() {
        return new ColumnMapping(null, null, null, null, Map.of());
    }

    public String timestampColumnOrDefault() {
        return timestampColumn == null ? DEFAULT_TIMESTAMP_COLUMN : timestampColumn;
    }

    public String deviceColumnOrDefault() {
        return deviceColumn == null ? DEFAULT_DEVICE_COLUMN : deviceColumn;
    }

    /** This mapping with every value {@code over} sets replacing ours; map entries are merged, {@code over}'s win. */
    public ColumnMapping overriddenBy(ColumnMapping over) {
        Map<String, String> merged = new LinkedHashMap<>(map);
        merged.putAll(over.map);
        return new ColumnMapping(
                over.timestampColumn != null ? over.timestampColumn : timestampColumn,
                over.deviceColumn != null ? over.deviceColumn : deviceColumn,
                over.model != null || over.modelColumn != null ? over.model : model,
                over.model != null || over.modelColumn != null ? over.modelColumn : modelColumn,
                merged);
    }

    /**
     * Reads a mapping file. Unknown fields and wrong types are errors naming the file, line and field.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a valid mapping
     */
    public static ColumnMapping read(Path file) {
        Map<String, String> text = new LinkedHashMap<>();
        Map<String, String> map = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = Json.mapper().getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw invalid(file, parser, null, "expected a JSON object");
            // Field by field rather than by data binding, so an error points at the field's own line.
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("map")) {
                    if (value != JsonToken.START_OBJECT) throw invalid(file, parser, field, "expected an object of column name to sensor name");
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String column = parser.currentName();
                        if (parser.nextToken() != JsonToken.VALUE_STRING) throw invalid(file, parser, "map." + column, "expected a sensor name (a string)");
                        map.put(column, parser.getText());
                    }
                } else if (FIELDS.contains(field)) {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) throw invalid(file, parser, field, "expected a string");
                    text.put(field, value == JsonToken.VALUE_NULL ? null : parser.getText());
                } else {
                    throw invalid(file, parser, field, "unknown field; a mapping has " + String.join(", ", FIELDS) + ", map");
                }
            }
        } catch (JsonParseException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + line + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new ColumnMapping(text.get("timestampColumn"), text.get("deviceColumn"), text.get("model"), text.get("modelColumn"), map);
    }

    private static final List<String> FIELDS = List.of("timestampColumn", "deviceColumn", "model", "modelColumn");

    private static IllegalArgumentException invalid(Path file, JsonParser parser, String field, String problem) {
        return new IllegalArgumentException(file + ":" + parser.currentLocation().getLineNr() + ": "
                + (field == null ? "" : "field '" + field + "': ") + problem);
    }
}
