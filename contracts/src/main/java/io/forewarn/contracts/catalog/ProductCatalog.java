package io.forewarn.contracts.catalog;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The product catalog that the simulator and the job both read: product models, sensors, failure modes and plans.
 * The built-in catalog is {@code catalog/products.json} on the classpath; {@code FOREWARN_CATALOG} points at another file.
 */
public final class ProductCatalog implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String BUILT_IN = "catalog/products.json";

    private final int catalogVersion;
    private final Map<String, ProductModel> models;

    private ProductCatalog(int catalogVersion, List<ProductModel> models) {
        this.catalogVersion = catalogVersion;
        this.models = models.stream().collect(Collectors.toUnmodifiableMap(ProductModel::id, Function.identity()));
    }

    /** The file named by {@code FOREWARN_CATALOG}, else the built-in catalog. */
    public static ProductCatalog load() {
        String file = System.getenv("FOREWARN_CATALOG");
        return file == null || file.isBlank() ? builtIn() : fromFile(Path.of(file));
    }

    public static ProductCatalog builtIn() {
        try (InputStream in = ProductCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new CatalogException("classpath:" + BUILT_IN + ": not found");
            }
            return parse(in, "classpath:" + BUILT_IN);
        } catch (IOException e) {
            throw new CatalogException("classpath:" + BUILT_IN + ": " + e.getMessage(), e);
        }
    }

    public static ProductCatalog fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static ProductCatalog parse(InputStream in, String source) throws IOException {
        byte[] json = in.readAllBytes();
        Document doc;
        try {
            doc = Json.mapper().readerFor(Document.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (JsonMappingException e) {
            // Databind wraps a syntax error met inside a value: that is broken JSON, not a bad field.
            if (e.getCause() instanceof JsonParseException syntax) {
                throw new CatalogException(source + ":" + lineOf(syntax) + ": not valid JSON: " + syntax.getOriginalMessage(), e);
            }
            throw new CatalogException(source + ":" + lineOf(e) + ": field '" + fieldOf(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new CatalogException(source + ":" + lineOf(e) + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        List<Problem> problems = validate(doc);
        if (!problems.isEmpty()) {
            Map<String, Integer> lines = linesByPointer(json);
            throw new CatalogException(source + ": invalid catalog:\n  " + problems.stream()
                    .map(p -> source + ":" + p.line(lines) + ": " + p.text()).collect(Collectors.joining("\n  ")));
        }
        return new ProductCatalog(doc.catalogVersion(), doc.productModels());
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    // productModels[0].sensors[2].unit, from the path Jackson was on when it failed.
    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            else if (ref.getIndex() >= 0) field.append('[').append(ref.getIndex()).append(']');
        }
        return field.length() == 0 ? "(document)" : field.toString();
    }

    /** The line each JSON pointer of the document starts on, so a problem found after parsing can name its line. */
    private static Map<String, Integer> linesByPointer(byte[] json) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    /**
     * What is wrong with the catalog, and where.
     *
     * @param pointer JSON pointer to the element at fault; a missing element is found at its closest ancestor
     * @param text the field by name (models, sensors and modes by id) and what is wrong with it
     */
    private record Problem(String pointer, String text) {
        int line(Map<String, Integer> lines) {
            String at = pointer;
            while (!lines.containsKey(at) && !at.isEmpty()) at = at.substring(0, at.lastIndexOf('/'));
            return lines.getOrDefault(at, 1);
        }
    }

    // One step of a JSON pointer: '~' and '/' escaped as RFC 6901 says.
    private static String step(String name) {
        return "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static List<Problem> validate(Document doc) {
        List<Problem> problems = new ArrayList<>();
        if (doc.productModels() == null || doc.productModels().isEmpty()) {
            problems.add(new Problem("/productModels", "productModels: at least one product model is required"));
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < doc.productModels().size(); i++) {
            ProductModel m = doc.productModels().get(i);
            String at = "productModels[" + i + "]";
            String mp = "/productModels/" + i;
            if (m.id() == null || m.id().isBlank()) {
                problems.add(new Problem(mp + "/id", at + ".id: missing"));
                continue;
            }
            at = "productModels[" + m.id() + "]";
            if (!ids.add(m.id())) problems.add(new Problem(mp + "/id", at + ".id: duplicate"));
            if (m.sampleIntervalSeconds() <= 0) problems.add(new Problem(mp + "/sampleIntervalSeconds", at + ".sampleIntervalSeconds: must be positive"));
            if (m.sensors() == null || m.sensors().isEmpty()) {
                problems.add(new Problem(mp + "/sensors", at + ".sensors: at least one sensor is required"));
                continue;
            }
            Set<String> sensors = new HashSet<>();
            for (int j = 0; j < m.sensors().size(); j++) {
                SensorSpec s = m.sensors().get(j);
                String sat = at + ".sensors[" + s.name() + "]";
                String sp = mp + "/sensors/" + j;
                if (!sensors.add(s.name())) problems.add(new Problem(sp + "/name", sat + ": duplicate name"));
                if (s.unit() == null || s.unit().isBlank()) problems.add(new Problem(sp + "/unit", sat + ".unit: missing"));
                if (!(s.physicalMin() <= s.normalMin() && s.normalMin() < s.normalMax() && s.normalMax() <= s.physicalMax())) {
                    problems.add(new Problem(sp, sat + ": need physicalMin <= normalMin < normalMax <= physicalMax"));
                }
                if (s.noise() < 0) problems.add(new Problem(sp + "/noise", sat + ".noise: must not be negative"));
            }
            List<DerivedFeature> derived = nullToEmpty(m.derivedFeatures());
            for (int j = 0; j < derived.size(); j++) {
                DerivedFeature d = derived.get(j);
                if (!sensors.contains(d.minuend()) || !sensors.contains(d.subtrahend())) {
                    problems.add(new Problem(mp + "/derivedFeatures/" + j, at + ".derivedFeatures[" + d.name() + "]: refers to an unknown sensor"));
                }
            }
            List<FailureMode> failureModes = nullToEmpty(m.failureModes());
            for (int j = 0; j < failureModes.size(); j++) {
                FailureMode f = failureModes.get(j);
                String fat = at + ".failureModes[" + f.id() + "]";
                String fp = mp + "/failureModes/" + j;
                if (f.signature() == null || f.signature().isEmpty()) {
                    problems.add(new Problem(fp + "/signature", fat + ".signature: at least one sensor shift is required"));
                }
                List<SensorShift> signature = nullToEmpty(f.signature());
                for (int k = 0; k < signature.size(); k++) {
                    SensorShift shift = signature.get(k);
                    if (!sensors.contains(shift.sensor())) {
                        problems.add(new Problem(fp + "/signature/" + k + "/sensor", fat + ".signature: unknown sensor " + shift.sensor()));
                    }
                }
                if (f.customerAdvice() == null || f.customerAdvice().en() == null || f.customerAdvice().zh() == null) {
                    problems.add(new Problem(fp + "/customerAdvice", fat + ".customerAdvice: en and zh are required"));
                }
            }
            List<MaintenancePlan> plans = nullToEmpty(m.maintenancePlans());
            for (int j = 0; j < plans.size(); j++) {
                MaintenancePlan p = plans.get(j);
                if ((p.intervalRuntimeHours() == null) == (p.intervalCycles() == null)) {
                    problems.add(new Problem(mp + "/maintenancePlans/" + j,
                            at + ".maintenancePlans[" + p.id() + "]: set exactly one of intervalRuntimeHours, intervalCycles"));
                }
            }
            validateModes(m, at, mp, problems);
        }
        return problems;
    }

    private static void validateModes(ProductModel m, String at, String mp, List<Problem> problems) {
        if (m.operatingModes().isEmpty()) return;
        Set<String> modeIds = new HashSet<>();
        for (int i = 0; i < m.operatingModes().size(); i++) {
            OperatingMode mode = m.operatingModes().get(i);
            String op = mp + "/operatingModes/" + i;
            if (mode.id() == null || mode.id().isBlank()) {
                problems.add(new Problem(op + "/id", at + ".operatingModes[" + i + "].id: missing"));
                continue;
            }
            String mat = at + ".operatingModes[" + mode.id() + "]";
            if (!modeIds.add(mode.id())) problems.add(new Problem(op + "/id", mat + ".id: duplicate"));
            if (mode.monitored() && !mode.sensors().isEmpty()) {
                problems.add(new Problem(op + "/sensors", mat + ".sensors: a monitored mode reads as the sensors' normal ranges say and sets no sensor"));
            }
            if (!mode.monitored() && !mode.ambientSensors().isEmpty()) {
                problems.add(new Problem(op + "/ambientSensors", mat + ".ambientSensors: only a monitored mode has a daily swing to follow the ambient"));
            }
            for (int j = 0; j < mode.ambientSensors().size(); j++) {
                String sensor = mode.ambientSensors().get(j);
                if (m.sensor(sensor).isEmpty()) problems.add(new Problem(op + "/ambientSensors/" + j, mat + ".ambientSensors: unknown sensor " + sensor));
            }
            for (Map.Entry<String, SensorInMode> e : mode.sensors().entrySet()) {
                String sat = mat + ".sensors[" + e.getKey() + "]";
                String sp = op + "/sensors" + step(e.getKey());
                SensorInMode reading = e.getValue();
                Optional<SensorSpec> spec = m.sensor(e.getKey());
                if (spec.isEmpty()) {
                    problems.add(new Problem(sp, sat + ": unknown sensor"));
                    continue;
                }
                if (reading.noise() != null && reading.noise() < 0) problems.add(new Problem(sp + "/noise", sat + ".noise: must not be negative"));
                if (reading.settleMinutes() < 0) problems.add(new Problem(sp + "/settleMinutes", sat + ".settleMinutes: must not be negative"));
                if (reading.ambientGain() == 0 && (reading.level() < spec.get().physicalMin() || reading.level() > spec.get().physicalMax())) {
                    problems.add(new Problem(sp + "/level", sat + ".level: outside the sensor's physical range"));
                }
            }
        }
        if (m.operatingModes().stream().noneMatch(OperatingMode::monitored)) {
            problems.add(new Problem(mp + "/operatingModes", at + ".operatingModes: at least one mode must be monitored"));
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    public int catalogVersion() {
        return catalogVersion;
    }

    public Optional<ProductModel> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public ProductModel require(String id) {
        return model(id).orElseThrow(() -> new CatalogException("unknown product model " + id));
    }

    public List<ProductModel> models() {
        return models.values().stream().sorted(java.util.Comparator.comparing(ProductModel::id)).toList();
    }

    private record Document(int catalogVersion, List<ProductModel> productModels) {}

    /** A catalog that cannot be used; the message names the file, line and field. */
    public static final class CatalogException extends RuntimeException {
        public CatalogException(String message) {
            super(message);
        }

        public CatalogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
