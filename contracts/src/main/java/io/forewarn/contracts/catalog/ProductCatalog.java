package io.forewarn.contracts.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.forewarn.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        Document doc;
        try {
            doc = Json.mapper().readerFor(Document.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in);
        } catch (JsonMappingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new CatalogException(source + where + " field " + e.getPathReference() + ": " + e.getOriginalMessage(), e);
        }
        List<String> problems = validate(doc);
        if (!problems.isEmpty()) {
            throw new CatalogException(source + ": invalid catalog:\n  " + String.join("\n  ", problems));
        }
        return new ProductCatalog(doc.catalogVersion(), doc.productModels());
    }

    private static List<String> validate(Document doc) {
        List<String> problems = new ArrayList<>();
        if (doc.productModels() == null || doc.productModels().isEmpty()) {
            problems.add("productModels: at least one product model is required");
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < doc.productModels().size(); i++) {
            ProductModel m = doc.productModels().get(i);
            String at = "productModels[" + i + "]";
            if (m.id() == null || m.id().isBlank()) {
                problems.add(at + ".id: missing");
                continue;
            }
            at = "productModels[" + m.id() + "]";
            if (!ids.add(m.id())) problems.add(at + ".id: duplicate");
            if (m.sampleIntervalSeconds() <= 0) problems.add(at + ".sampleIntervalSeconds: must be positive");
            if (m.sensors() == null || m.sensors().isEmpty()) {
                problems.add(at + ".sensors: at least one sensor is required");
                continue;
            }
            Set<String> sensors = new HashSet<>();
            for (SensorSpec s : m.sensors()) {
                String sat = at + ".sensors[" + s.name() + "]";
                if (!sensors.add(s.name())) problems.add(sat + ": duplicate name");
                if (s.unit() == null || s.unit().isBlank()) problems.add(sat + ".unit: missing");
                if (!(s.physicalMin() <= s.normalMin() && s.normalMin() < s.normalMax() && s.normalMax() <= s.physicalMax())) {
                    problems.add(sat + ": need physicalMin <= normalMin < normalMax <= physicalMax");
                }
                if (s.noise() < 0) problems.add(sat + ".noise: must not be negative");
            }
            for (DerivedFeature d : nullToEmpty(m.derivedFeatures())) {
                if (!sensors.contains(d.minuend()) || !sensors.contains(d.subtrahend())) {
                    problems.add(at + ".derivedFeatures[" + d.name() + "]: refers to an unknown sensor");
                }
            }
            for (FailureMode f : nullToEmpty(m.failureModes())) {
                String fat = at + ".failureModes[" + f.id() + "]";
                if (f.signature() == null || f.signature().isEmpty()) problems.add(fat + ".signature: at least one sensor shift is required");
                for (SensorShift shift : nullToEmpty(f.signature())) {
                    if (!sensors.contains(shift.sensor())) problems.add(fat + ".signature: unknown sensor " + shift.sensor());
                }
                if (f.customerAdvice() == null || f.customerAdvice().en() == null || f.customerAdvice().zh() == null) {
                    problems.add(fat + ".customerAdvice: en and zh are required");
                }
            }
            for (MaintenancePlan p : nullToEmpty(m.maintenancePlans())) {
                if ((p.intervalRuntimeHours() == null) == (p.intervalCycles() == null)) {
                    problems.add(at + ".maintenancePlans[" + p.id() + "]: set exactly one of intervalRuntimeHours, intervalCycles");
                }
            }
            validateModes(m, at, problems);
        }
        return problems;
    }

    private static void validateModes(ProductModel m, String at, List<String> problems) {
        if (m.operatingModes().isEmpty()) return;
        Set<String> modeIds = new HashSet<>();
        for (int i = 0; i < m.operatingModes().size(); i++) {
            OperatingMode mode = m.operatingModes().get(i);
            if (mode.id() == null || mode.id().isBlank()) {
                problems.add(at + ".operatingModes[" + i + "].id: missing");
                continue;
            }
            String mat = at + ".operatingModes[" + mode.id() + "]";
            if (!modeIds.add(mode.id())) problems.add(mat + ".id: duplicate");
            if (mode.monitored() && !mode.sensors().isEmpty()) {
                problems.add(mat + ".sensors: a monitored mode reads as the sensors' normal ranges say and sets no sensor");
            }
            if (!mode.monitored() && !mode.ambientSensors().isEmpty()) {
                problems.add(mat + ".ambientSensors: only a monitored mode has a daily swing to follow the ambient");
            }
            for (String sensor : mode.ambientSensors()) {
                if (m.sensor(sensor).isEmpty()) problems.add(mat + ".ambientSensors: unknown sensor " + sensor);
            }
            for (Map.Entry<String, SensorInMode> e : mode.sensors().entrySet()) {
                String sat = mat + ".sensors[" + e.getKey() + "]";
                SensorInMode reading = e.getValue();
                Optional<SensorSpec> spec = m.sensor(e.getKey());
                if (spec.isEmpty()) {
                    problems.add(sat + ": unknown sensor");
                    continue;
                }
                if (reading.noise() != null && reading.noise() < 0) problems.add(sat + ".noise: must not be negative");
                if (reading.settleMinutes() < 0) problems.add(sat + ".settleMinutes: must not be negative");
                if (reading.ambientGain() == 0 && (reading.level() < spec.get().physicalMin() || reading.level() > spec.get().physicalMax())) {
                    problems.add(sat + ".level: outside the sensor's physical range");
                }
            }
        }
        if (m.operatingModes().stream().noneMatch(OperatingMode::monitored)) {
            problems.add(at + ".operatingModes: at least one mode must be monitored");
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
