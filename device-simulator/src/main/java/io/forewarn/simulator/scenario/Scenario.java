package io.forewarn.simulator.scenario;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.simulator.Seeds;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.fleet.FleetConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A scenario file: which product models the fleet is made of, in what proportion, and which faults develop in how
 * many devices of each, and when. See device-simulator/README.md, "Scenario files".
 *
 * <pre>{"composition": {"AC-INV-12K": 3, "PUMP-CEN-15KW": 1},
 *  "faults": [{"model": "AC-INV-12K", "failureMode": "refrigerant_leak", "kind": "gradual",
 *              "devices": 2, "onset": "-2d", "failure": "4d"}]}</pre>
 *
 * @param composition product model to weight, in the order devices are handed out; empty: every catalog model once
 * @param faults fault groups, assigned in order
 */
public record Scenario(Path file, Map<String, Integer> composition, List<FaultGroup> faults) {
    private static final long SCENARIO_STREAM = 0x5CE4A410;
    private static final Set<String> FIELDS = Set.of("composition", "faults");
    private static final Set<String> FAULT_FIELDS = Set.of("model", "failureMode", "kind", "devices", "onset", "failure");

    /**
     * Faults of one kind and mode in {@code devices} devices of one model; times relative to the sim start.
     *
     * @param line where the group starts in the file, for errors found when the fleet is built
     */
    public record FaultGroup(ProductModel model, FailureMode mode, FaultKind kind, int devices, Duration onset, Duration failure, int line) {}

    /**
     * Reads and checks a scenario file against the catalog.
     *
     * @throws IllegalArgumentException naming the file, line and field of the first problem
     */
    public static Scenario read(Path file, ProductCatalog catalog) {
        LocatedJson root = LocatedJson.read(file);
        Map<String, LocatedJson> top = object(file, root, "(document)");
        unknownFields(file, top, FIELDS, "");
        Map<String, Integer> composition = new LinkedHashMap<>();
        if (top.containsKey("composition")) {
            for (Map.Entry<String, LocatedJson> e : object(file, top.get("composition"), "composition").entrySet()) {
                String field = "composition." + e.getKey();
                if (catalog.model(e.getKey()).isEmpty()) throw bad(file, e.getValue(), field, "not a catalog product model " + modelIds(catalog));
                composition.put(e.getKey(), integer(file, e.getValue(), field, 1, 1_000));
            }
            if (composition.isEmpty()) throw bad(file, top.get("composition"), "composition", "name at least one product model");
        }
        List<FaultGroup> faults = new ArrayList<>();
        if (top.containsKey("faults")) {
            LocatedJson list = top.get("faults");
            if (!(list.value() instanceof List<?> items)) throw bad(file, list, "faults", "expected a list of fault groups");
            for (int i = 0; i < items.size(); i++) faults.add(faultGroup(file, (LocatedJson) items.get(i), "faults[" + i + "]", catalog));
        }
        for (FaultGroup g : faults) {
            if (!composition.isEmpty() && !composition.containsKey(g.model().id())) {
                throw new IllegalArgumentException(file + ":" + g.line() + ": field 'model': " + g.model().id() + " is not in the composition");
            }
        }
        return new Scenario(file, Collections.unmodifiableMap(composition), List.copyOf(faults));
    }

    private static FaultGroup faultGroup(Path file, LocatedJson json, String at, ProductCatalog catalog) {
        Map<String, LocatedJson> f = object(file, json, at);
        unknownFields(file, f, FAULT_FIELDS, at + ".");
        String modelId = text(file, required(file, json, f, "model", at), at + ".model");
        ProductModel model = catalog.model(modelId).orElseThrow(() -> bad(file, f.get("model"), at + ".model", "'" + modelId + "' is not a catalog product model " + modelIds(catalog)));
        String modeId = text(file, required(file, json, f, "failureMode", at), at + ".failureMode");
        FailureMode mode = model.failureMode(modeId).orElseThrow(() -> bad(file, f.get("failureMode"), at + ".failureMode",
                "'" + modeId + "' is not a failure mode of " + model.id() + " " + model.failureModes().stream().map(FailureMode::id).toList()));
        FaultKind kind = FaultKind.GRADUAL;
        if (f.containsKey("kind")) {
            String name = text(file, f.get("kind"), at + ".kind");
            try {
                kind = FaultKind.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(file, f.get("kind"), at + ".kind", "expected gradual, intermittent or sudden, got '" + name + "'");
            }
        }
        int devices = f.containsKey("devices") ? integer(file, f.get("devices"), at + ".devices", 1, 1_000_000) : 1;
        Duration failure = duration(file, required(file, json, f, "failure", at), at + ".failure");
        Duration onset = failure;
        if (kind == FaultKind.SUDDEN) {
            if (f.containsKey("onset")) throw bad(file, f.get("onset"), at + ".onset", "a sudden fault has no onset (no precursor); remove it");
        } else {
            onset = f.containsKey("onset") ? duration(file, f.get("onset"), at + ".onset") : Duration.ZERO;
            if (onset.compareTo(failure) >= 0) throw bad(file, f.get("failure"), at + ".failure", "must come after the onset (" + onset + ")");
        }
        return new FaultGroup(model, mode, kind, devices, onset, failure, json.line());
    }

    /** The models in the order devices take them: model i of the pattern goes to devices i, i + n, i + 2n, …. */
    public List<ProductModel> pattern(ProductCatalog catalog) {
        if (composition.isEmpty()) return catalog.models();
        List<ProductModel> pattern = new ArrayList<>();
        composition.forEach((id, weight) -> {
            for (int i = 0; i < weight; i++) pattern.add(catalog.require(id));
        });
        return pattern;
    }

    /**
     * Faults by device index: each group takes its devices from its model's devices not yet given a fault, in an
     * order shuffled by the seed.
     *
     * @throws IllegalArgumentException naming the file and line of a group the fleet has too few devices for
     */
    public Map<Integer, Fault> assign(List<ProductModel> deviceModels, Instant start, long seed) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, SCENARIO_STREAM));
        Map<String, List<Integer>> free = new LinkedHashMap<>();
        for (int i = 0; i < deviceModels.size(); i++) free.computeIfAbsent(deviceModels.get(i).id(), id -> new ArrayList<>()).add(i);
        for (List<Integer> devices : free.values()) {
            for (int i = devices.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer tmp = devices.get(i);
                devices.set(i, devices.get(j));
                devices.set(j, tmp);
            }
        }
        Map<Integer, Fault> faults = new LinkedHashMap<>();
        for (FaultGroup g : this.faults) {
            List<Integer> candidates = free.getOrDefault(g.model().id(), new ArrayList<>());
            if (candidates.size() < g.devices()) {
                throw new IllegalArgumentException(file + ":" + g.line() + ": field 'devices': " + g.devices() + " " + g.model().id()
                        + " devices needed, the fleet has " + candidates.size() + " without a fault; raise --devices");
            }
            for (int k = 0; k < g.devices(); k++) {
                int device = candidates.remove(0);
                Instant failureAt = start.plus(g.failure());
                faults.put(device, switch (g.kind()) {
                    case GRADUAL -> Fault.gradual(g.mode(), start.plus(g.onset()), failureAt);
                    case INTERMITTENT -> Fault.intermittent(g.mode(), start.plus(g.onset()), failureAt, Seeds.mix(seed, SCENARIO_STREAM, device));
                    case SUDDEN -> Fault.sudden(g.mode(), failureAt);
                });
            }
        }
        return faults;
    }

    /** Devices the scenario gives a fault. */
    public int degradingDevices() {
        return faults.stream().mapToInt(FaultGroup::devices).sum();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, LocatedJson> object(Path file, LocatedJson json, String at) {
        if (!(json.value() instanceof Map<?, ?> map)) throw bad(file, json, at, "expected a JSON object");
        return (Map<String, LocatedJson>) map;
    }

    private static void unknownFields(Path file, Map<String, LocatedJson> fields, Set<String> known, String prefix) {
        for (Map.Entry<String, LocatedJson> e : fields.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw bad(file, e.getValue(), prefix + e.getKey(), "unknown field; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    private static LocatedJson required(Path file, LocatedJson parent, Map<String, LocatedJson> fields, String name, String at) {
        LocatedJson v = fields.get(name);
        if (v == null) throw bad(file, parent, at + "." + name, "missing");
        return v;
    }

    private static String text(Path file, LocatedJson json, String field) {
        if (!(json.value() instanceof String s) || s.isBlank()) throw bad(file, json, field, "expected a non-empty string");
        return s;
    }

    private static int integer(Path file, LocatedJson json, String field, int min, int max) {
        if (json.value() instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min && n.doubleValue() <= max) {
            return n.intValue();
        }
        throw bad(file, json, field, "expected a whole number from " + min + " to " + max + ", got " + json.value());
    }

    // Relative to the sim start: "4d", "36h", "-2d", "PT36H".
    private static Duration duration(Path file, LocatedJson json, String field) {
        String text = text(file, json, field).trim();
        boolean negative = text.startsWith("-");
        try {
            Duration d = FleetConfig.parseDuration(negative ? text.substring(1) : text);
            return negative ? d.negated() : d;
        } catch (IllegalArgumentException e) {
            throw bad(file, json, field, "expected a time relative to the sim start like 4d, 36h, -2d or PT36H, got '" + text + "'");
        }
    }

    private static List<String> modelIds(ProductCatalog catalog) {
        return catalog.models().stream().map(ProductModel::id).toList();
    }

    private static IllegalArgumentException bad(Path file, LocatedJson json, String field, String problem) {
        return new IllegalArgumentException(file + ":" + json.line() + ": field '" + field + "': " + problem);
    }
}
