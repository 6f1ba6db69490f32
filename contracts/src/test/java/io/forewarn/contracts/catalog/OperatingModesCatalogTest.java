package io.forewarn.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forewarn.contracts.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The catalog's operating modes: what the built-in catalog declares, and how a mistake in them is reported. */
class OperatingModesCatalogTest {

    @Test
    void everyBuiltInModelHasExactlyOneMonitoredModeAndNamesItsModes() {
        ProductCatalog catalog = ProductCatalog.builtIn();
        assertThat(catalog.require("AC-INV-12K").operatingModes()).extracting(OperatingMode::id).containsExactly("off", "idle", "running", "defrost");
        assertThat(catalog.require("WH-ELEC-80L").operatingModes()).extracting(OperatingMode::id).containsExactly("standby", "heating");
        assertThat(catalog.require("WM-FL-9KG").operatingModes()).extracting(OperatingMode::id).containsExactly("off", "wash", "spin");
        assertThat(catalog.require("PUMP-CEN-15KW").operatingModes()).extracting(OperatingMode::id).containsExactly("off", "running");
        for (ProductModel model : catalog.models()) {
            assertThat(model.operatingModes()).as(model.id()).filteredOn(OperatingMode::monitored).hasSize(1);
        }
        SensorInMode offCurrent = catalog.require("AC-INV-12K").operatingMode("off").orElseThrow().sensors().get("compressor_current");
        assertThat(offCurrent.settledAt(30)).isZero();
        SensorInMode offDischarge = catalog.require("AC-INV-12K").operatingMode("off").orElseThrow().sensors().get("discharge_temp");
        assertThat(offDischarge.settledAt(30)).as("drifts to the ambient").isEqualTo(30);
    }

    @Test
    void aReadingIsMonitoredWithoutAModeOrInAMonitoredMode_notInAnotherOrAnUnknownOne() {
        ProductModel ac = ProductCatalog.builtIn().require("AC-INV-12K");
        assertThat(ac.isMonitored(null)).isTrue();
        assertThat(ac.isMonitored("running")).isTrue();
        assertThat(ac.isMonitored("off")).isFalse();
        assertThat(ac.isMonitored("defrost")).isFalse();
        assertThat(ac.isMonitored("turbo")).isFalse();
    }

    @Test
    void aModelWithoutModesParses_andEveryReadingOfItIsMonitoredUnlessItNamesAMode() throws IOException {
        ProductCatalog catalog = parse(doc -> models(doc).forEach(m -> ((ObjectNode) m).remove("operatingModes")));
        ProductModel ac = catalog.require("AC-INV-12K");
        assertThat(ac.operatingModes()).isEmpty();
        assertThat(ac.isMonitored(null)).isTrue();
        assertThat(ac.isMonitored("running")).isFalse();
    }

    @Test
    void aModeThatSetsAnUnknownSensorIsRefusedNamingModelModeAndSensor() {
        assertRefused(doc -> mode(doc, 0, 0).with("sensors").putObject("humidity").put("level", 0),
                "productModels[AC-INV-12K].operatingModes[off].sensors[humidity]: unknown sensor");
    }

    @Test
    void aModelWithoutAMonitoredModeIsRefused() {
        assertRefused(doc -> mode(doc, 0, 2).put("monitored", false),
                "productModels[AC-INV-12K].operatingModes: at least one mode must be monitored");
    }

    @Test
    void aMonitoredModeMayNotSetSensors_norANonMonitoredOneFollowTheAmbient() {
        assertRefused(doc -> mode(doc, 0, 2).putObject("sensors").putObject("airflow").put("level", 0),
                "productModels[AC-INV-12K].operatingModes[running].sensors: a monitored mode");
        assertRefused(doc -> mode(doc, 0, 0).putArray("ambientSensors").add("discharge_temp"),
                "productModels[AC-INV-12K].operatingModes[off].ambientSensors: only a monitored mode");
    }

    @Test
    void duplicateModesNegativeNoiseAndLevelsBeyondThePhysicalRangeAreRefused() {
        assertRefused(doc -> mode(doc, 0, 1).put("id", "off"), "productModels[AC-INV-12K].operatingModes[off].id: duplicate");
        assertRefused(doc -> ((ObjectNode) mode(doc, 0, 0).get("sensors").get("airflow")).put("noise", -1),
                "operatingModes[off].sensors[airflow].noise: must not be negative");
        assertRefused(doc -> ((ObjectNode) mode(doc, 0, 0).get("sensors").get("compressor_current")).put("level", -5),
                "operatingModes[off].sensors[compressor_current].level: outside the sensor's physical range");
    }

    @Test
    void aModeWithoutItsMonitoredFlagIsRefusedNamingTheField() {
        assertThatThrownBy(() -> parse(doc -> mode(doc, 0, 0).remove("monitored")))
                .isInstanceOf(ProductCatalog.CatalogException.class).hasMessageContaining("monitored");
    }

    private static void assertRefused(Consumer<ObjectNode> change, String problem) {
        assertThatThrownBy(() -> parse(change)).isInstanceOf(ProductCatalog.CatalogException.class)
                .hasMessageContaining("test-catalog.json: invalid catalog").hasMessageContaining(problem);
    }

    private static ArrayNode models(ObjectNode doc) {
        return (ArrayNode) doc.get("productModels");
    }

    private static ObjectNode mode(ObjectNode doc, int model, int mode) {
        return (ObjectNode) models(doc).get(model).get("operatingModes").get(mode);
    }

    /** The built-in catalog, changed by {@code change}, parsed as a file named test-catalog.json. */
    private static ProductCatalog parse(Consumer<ObjectNode> change) throws IOException {
        ObjectNode doc;
        try (InputStream in = ProductCatalog.class.getClassLoader().getResourceAsStream(ProductCatalog.BUILT_IN)) {
            doc = (ObjectNode) Json.mapper().readTree(in);
        }
        change.accept(doc);
        return ProductCatalog.parse(new ByteArrayInputStream(Json.write(doc).getBytes(StandardCharsets.UTF_8)), "test-catalog.json");
    }
}
