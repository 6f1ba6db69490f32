package io.forewarn.jobs.models;

import io.forewarn.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned model files in a directory: {@code <productModel>/v<N>.model} (the model) beside
 * {@code v<N>.json} (its metadata and metrics, for people). The newest version of each product model is the live one.
 */
public final class ModelStore {
    private static final Pattern FILE = Pattern.compile("v(\\d+)\\.model");

    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public int nextVersion(String productModel) {
        return latestVersion(productModel).orElse(0) + 1;
    }

    public Optional<Integer> latestVersion(String productModel) {
        Path dir = root.resolve(productModel);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .max(Integer::compare);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes atomically (temp file, then rename), so a running job never reads half a model. */
    public Path save(TrainedModel model) {
        int version = Integer.parseInt(model.version().substring(model.version().lastIndexOf("/v") + 2));
        Path dir = root.resolve(model.productModel());
        try {
            Files.createDirectories(dir);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("productModel", model.productModel());
            meta.put("version", model.version());
            meta.put("algorithm", model.detector().getClass().getSimpleName());
            meta.put("features", model.features());
            meta.put("threshold", model.threshold());
            meta.put("targetFalseAlarmRate", model.targetFalseAlarmRate());
            meta.put("observedFalseAlarmRate", model.observedFalseAlarmRate());
            meta.put("trainingVectors", model.trainingVectors());
            meta.put("trainingData", model.trainingDescription());
            if (model.trainingData() != null) {
                meta.put("trainingDataDetail", model.trainingData());
            }
            if (model.timeToFailure() != null) {
                TimeToFailureModel ttf = model.timeToFailure();
                Map<String, Object> supervised = new LinkedHashMap<>();
                supervised.put("algorithm", "smile.regression.RandomForest");
                supervised.put("features", ttf.features());
                supervised.put("examples", ttf.examples());
                supervised.put("devices", ttf.devices());
                supervised.put("horizonHours", ttf.horizonHours());
                supervised.put("heldOutMeanAbsoluteErrorHours", ttf.heldOutMeanAbsoluteErrorHours());
                meta.put("timeToFailure", supervised);
            }
            meta.put("trainedAt", model.trainedAt().toString());
            Files.writeString(dir.resolve("v" + version + ".json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(meta));
            Path tmp = Files.createTempFile(dir, "v" + version, ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); ObjectOutputStream oos = new ObjectOutputStream(out)) {
                oos.writeObject(model);
            }
            Path target = dir.resolve("v" + version + ".model");
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + model.version() + " under " + dir, e);
        }
    }

    public Optional<TrainedModel> loadLatest(String productModel) {
        return latestVersion(productModel).map(v -> load(root.resolve(productModel).resolve("v" + v + ".model")));
    }

    /** The newest model of every product model that has one. */
    public Map<String, TrainedModel> loadAllLatest() {
        Map<String, TrainedModel> models = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return models;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).forEach(dir -> loadLatest(dir.getFileName().toString())
                    .ifPresent(m -> models.put(m.productModel(), m)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return models;
    }

    /** The newest model file of every product model that has one. */
    public Map<String, Path> latestFiles() {
        Map<String, Path> files = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).forEach(dir -> {
                String productModel = dir.getFileName().toString();
                latestVersion(productModel).ifPresent(v -> files.put(productModel, dir.resolve("v" + v + ".model")));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The model file of one version, e.g. {@code AC-INV-12K/v3}, when it exists. */
    public Optional<TrainedModel> loadVersion(String version) {
        int slash = version.lastIndexOf("/v");
        if (slash <= 0) {
            return Optional.empty();
        }
        Path file = root.resolve(version.substring(0, slash)).resolve(version.substring(slash + 1) + ".model");
        return Files.isRegularFile(file) ? Optional.of(load(file)) : Optional.empty();
    }

    /** Reads one model file. */
    public static TrainedModel load(Path file) {
        try (InputStream in = Files.newInputStream(file); ObjectInputStream ois = new ObjectInputStream(in)) {
            return (TrainedModel) ois.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }
}
