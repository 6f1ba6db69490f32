package io.forewarn.simulator.replay;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        map = map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
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
        try (InputStream in = Files.newInputStream(file)) {
            ColumnMapping mapping = Json.mapper().readerFor(ColumnMapping.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in);
            if (mapping == null) throw new IllegalArgumentException(file + ": empty mapping file");
            return mapping;
        } catch (JsonMappingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + line + ": field " + fieldPath(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonParseException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + line + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(document)" : "'" + path + "'";
    }
}
