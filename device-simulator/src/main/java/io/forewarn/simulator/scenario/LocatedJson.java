package io.forewarn.simulator.scenario;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document read into plain values that remember the line they start on, so a check long after parsing can
 * still say "file:line: field 'faults[1].kind'".
 *
 * @param value a {@code Map<String, LocatedJson>}, {@code List<LocatedJson>}, String, Number, Boolean, or null
 */
record LocatedJson(Object value, int line) {

    static LocatedJson read(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = Json.mapper().getFactory().createParser(in)) {
            if (parser.nextToken() == null) throw new IllegalArgumentException(file + ":1: empty file, expected a JSON object");
            LocatedJson root = value(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(file + ":" + parser.currentLocation().getLineNr() + ": text after the JSON document");
            }
            return root;
        } catch (JsonParseException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + ":" + line + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static LocatedJson value(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, LocatedJson> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields.put(name, value(p));
                }
                return new LocatedJson(Collections.unmodifiableMap(fields), line);
            }
            case START_ARRAY -> {
                List<LocatedJson> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p));
                return new LocatedJson(Collections.unmodifiableList(items), line);
            }
            case VALUE_STRING -> {
                return new LocatedJson(p.getText(), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new LocatedJson(p.getNumberValue(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new LocatedJson(token == JsonToken.VALUE_TRUE, line);
            }
            default -> {
                return new LocatedJson(null, line);
            }
        }
    }
}
