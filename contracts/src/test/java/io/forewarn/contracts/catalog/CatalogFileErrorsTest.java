package io.forewarn.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog file with a mistake is refused naming the file, the line and the field, for every kind of mistake. */
class CatalogFileErrorsTest {
    @TempDir Path dir;

    @Test
    void aCheckFailedAfterParsingNamesTheLineOfTheFieldAtFault() throws IOException {
        Path file = catalogFile(doc -> ((ObjectNode) sensors(doc, 0).get(6)).put("noise", -0.123456));
        assertThatThrownBy(() -> ProductCatalog.fromFile(file)).isInstanceOf(ProductCatalog.CatalogException.class)
                .hasMessageContaining(file + ": invalid catalog")
                .hasMessageContaining(file + ":" + lineContaining(file, "-0.123456") + ": productModels[AC-INV-12K].sensors[airflow].noise: must not be negative");
    }

    @Test
    void aSignatureNamingAnUnknownSensorNamesItsLine() throws IOException {
        Path file = catalogFile(doc -> ((ObjectNode) failureModes(doc, 0).get(1).get("signature").get(0)).put("sensor", "suction_presure"));
        assertThatThrownBy(() -> ProductCatalog.fromFile(file))
                .hasMessageContaining(file + ":" + lineContaining(file, "suction_presure")
                        + ": productModels[AC-INV-12K].failureModes[refrigerant_leak].signature: unknown sensor suction_presure");
    }

    @Test
    void aMissingFieldIsFoundAtTheLineOfTheElementThatLacksIt() throws IOException {
        Path file = catalogFile(doc -> ((ObjectNode) sensors(doc, 0).get(0)).remove("unit"));
        // The first sensor's object starts on the line before its name (pretty printed: "{" then "name").
        int line = lineContaining(file, "\"name\" : \"compressor_current\"") - 1;
        assertThatThrownBy(() -> ProductCatalog.fromFile(file))
                .hasMessageContaining(file + ":" + line + ": productModels[AC-INV-12K].sensors[compressor_current].unit: missing");
    }

    @Test
    void aValueOfTheWrongTypeNamesLineAndFieldPath() throws IOException {
        Path file = catalogFile(doc -> ((ObjectNode) models(doc).get(2)).put("sampleIntervalSeconds", "often"));
        assertThatThrownBy(() -> ProductCatalog.fromFile(file))
                .hasMessageStartingWith(file + ":" + lineContaining(file, "\"often\"") + ": field 'productModels[2].sampleIntervalSeconds': ");
    }

    @Test
    void brokenJsonNamesItsLine() throws IOException {
        Path file = catalogFile(doc -> { });
        List<String> lines = Files.readAllLines(file);
        lines.set(9, lines.get(9) + " ,,");
        Files.write(file, lines);
        assertThatThrownBy(() -> ProductCatalog.fromFile(file)).hasMessageStartingWith(file + ":10: not valid JSON: ");
    }

    private static ArrayNode models(ObjectNode doc) {
        return (ArrayNode) doc.get("productModels");
    }

    private static ArrayNode sensors(ObjectNode doc, int model) {
        return (ArrayNode) models(doc).get(model).get("sensors");
    }

    private static ArrayNode failureModes(ObjectNode doc, int model) {
        return (ArrayNode) models(doc).get(model).get("failureModes");
    }

    /** The built-in catalog, changed by {@code change}, written pretty-printed (one field a line) to a file. */
    private Path catalogFile(Consumer<ObjectNode> change) throws IOException {
        ObjectNode doc;
        try (InputStream in = ProductCatalog.class.getClassLoader().getResourceAsStream(ProductCatalog.BUILT_IN)) {
            doc = (ObjectNode) Json.mapper().readTree(in);
        }
        change.accept(doc);
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        return file;
    }

    /** 1-based number of the only line containing {@code text}. */
    private static int lineContaining(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) found.add(i + 1);
        assertThat(found).as("lines containing " + text).hasSize(1);
        return found.get(0);
    }
}
