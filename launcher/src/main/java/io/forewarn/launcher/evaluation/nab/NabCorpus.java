package io.forewarn.launcher.evaluation.nab;

import com.fasterxml.jackson.databind.JsonNode;
import io.forewarn.contracts.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A copy of the Numenta Anomaly Benchmark on disk: the data files, their labelled windows, the profiles, and the
 * published thresholds, results and scoreboard. Reads lazily; every malformed input fails with the file and row.
 */
public final class NabCorpus {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private final Path root;
    private final Map<String, List<NabWindow>> windows;

    /** A NAB file's rows as the data gives them. */
    public record Series(String file, List<LocalDateTime> timestamps, double[] values) {
        /** The same file without its first {@code share} of rows (a robustness check: another warm-up sample). */
        public Series withoutFirst(double share) {
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("share of rows to drop must be in [0, 1), got " + share);
            }
            int drop = (int) Math.floor(share * values.length);
            return new Series(file, timestamps.subList(drop, timestamps.size()),
                    Arrays.copyOfRange(values, drop, values.length));
        }
    }

    /** One row of the published scoreboard, with the figures as the README prints them (some are ranges). */
    public record ScoreboardEntry(String detector, String standard, String lowFalsePositives, String lowFalseNegatives) {}

    private NabCorpus(Path root, Map<String, List<NabWindow>> windows) {
        this.root = root;
        this.windows = windows;
    }

    /** Opens the NAB directory {@code root} (the one holding {@code data/}, {@code labels/} and {@code config/}). */
    public static NabCorpus open(Path root) {
        Path labels = root.resolve("labels/combined_windows.json");
        if (!Files.isRegularFile(labels) || !Files.isDirectory(root.resolve("data"))) {
            throw new IllegalArgumentException("not a NAB directory (no data/ or labels/combined_windows.json): "
                    + root.toAbsolutePath().normalize());
        }
        Map<String, List<NabWindow>> windows = new TreeMap<>();
        JsonNode json = readJson(labels);
        for (Map.Entry<String, JsonNode> file : json.properties()) {
            List<NabWindow> list = new ArrayList<>();
            for (JsonNode pair : file.getValue()) {
                if (pair.size() != 2) {
                    throw new IllegalArgumentException(labels + ": " + file.getKey() + ": a window needs [start, end], got " + pair);
                }
                list.add(new NabWindow(parseTime(pair.get(0).asText(), labels + ": " + file.getKey()),
                        parseTime(pair.get(1).asText(), labels + ": " + file.getKey())));
            }
            windows.put(file.getKey(), List.copyOf(list));
        }
        return new NabCorpus(root, windows);
    }

    public Path root() {
        return root;
    }

    /** The labelled files, e.g. {@code realKnownCause/nyc_taxi.csv}, sorted. */
    public List<String> files() {
        return List.copyOf(windows.keySet());
    }

    public List<NabWindow> windows(String file) {
        List<NabWindow> w = windows.get(file);
        if (w == null) {
            throw new IllegalArgumentException("no labels for NAB file " + file);
        }
        return w;
    }

    /** The data of {@code file}: its timestamps and values. */
    public Series series(String file) {
        Path path = root.resolve("data").resolve(file);
        List<LocalDateTime> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        readCsv(path, "value", times, values);
        return new Series(file, times, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A published detector's per-row output for {@code file}, from {@code results/<detector>/}. */
    public DetectorOutput publishedOutput(String detector, String file) {
        Path data = Path.of(file);
        String name = detector + "_" + data.getFileName();
        Path path = root.resolve("results").resolve(detector)
                .resolve(data.getParent() == null ? Path.of(name) : data.getParent().resolve(name));
        List<LocalDateTime> times = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        readCsv(path, "anomaly_score", times, scores);
        return new DetectorOutput(file, times, scores.stream().mapToDouble(Double::doubleValue).toArray(), windows(file));
    }

    /** The application profiles of {@code config/profiles.json}, in file order. */
    public List<NabProfile> profiles() {
        Path path = root.resolve("config/profiles.json");
        List<NabProfile> profiles = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : readJson(path).properties()) {
            JsonNode costs = e.getValue().path("CostMatrix");
            profiles.add(new NabProfile(e.getKey(), number(costs, "tpWeight", path), number(costs, "fpWeight", path),
                    number(costs, "fnWeight", path)));
        }
        return profiles;
    }

    /** The threshold {@code detector} scored best with under {@code profile}, from {@code config/thresholds.json}. */
    public double publishedThreshold(String detector, String profile) {
        Path path = root.resolve("config/thresholds.json");
        return number(readJson(path).path(detector).path(profile), "threshold", path);
    }

    /** The normalised score {@code detector} is published with under {@code profile}, from {@code results/final_results.json}. */
    public double publishedScore(String detector, String profile) {
        Path path = root.resolve("results/final_results.json");
        return number(readJson(path).path(detector), profile, path);
    }

    /** The scoreboard table of the directory's README.md ("Published scoreboard"), without the null and perfect rows. */
    public List<ScoreboardEntry> scoreboard() {
        Path path = root.resolve("README.md");
        List<ScoreboardEntry> entries = new ArrayList<>();
        try {
            boolean inSection = false;
            for (String line : Files.readAllLines(path)) {
                if (line.startsWith("#")) {
                    inSection = line.toLowerCase(java.util.Locale.ROOT).contains("published scoreboard");
                    continue;
                }
                if (!inSection || !line.startsWith("|")) {
                    continue;
                }
                String[] cells = line.split("\\|");
                if (cells.length < 5) {
                    continue;
                }
                String detector = cells[1].trim();
                if (detector.equals("detector") || detector.startsWith("---") || detector.equals("null")
                        || detector.equals("perfect")) {
                    continue;
                }
                entries.add(new ScoreboardEntry(detector, cells[2].trim(), cells[3].trim(), cells[4].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the NAB scoreboard in " + path, e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(path + ": no \"Published scoreboard\" table found");
        }
        return entries;
    }

    private static void readCsv(Path path, String column, List<LocalDateTime> times, List<Double> values) {
        try (BufferedReader in = Files.newBufferedReader(path)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(path + ": empty file");
            }
            List<String> names = List.of(header.split(","));
            int timeColumn = names.indexOf("timestamp");
            int valueColumn = names.indexOf(column);
            if (timeColumn < 0 || valueColumn < 0) {
                throw new IllegalArgumentException(path + ": needs columns timestamp and " + column + ", has " + header);
            }
            String line;
            int row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                String where = path + " line " + row;
                times.add(parseTime(cells[timeColumn], where));
                try {
                    values.add(Double.parseDouble(cells[valueColumn]));
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException(where + ": " + column + " is not a number: " + line, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static LocalDateTime parseTime(String text, String where) {
        try {
            return LocalDateTime.parse(text.trim(), TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": not a timestamp (yyyy-MM-dd HH:mm:ss): " + text, e);
        }
    }

    private static JsonNode readJson(Path path) {
        try {
            return Json.mapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static double number(JsonNode node, String field, Path source) {
        JsonNode value = node.path(field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(source + ": missing number " + field + " in " + node);
        }
        return value.asDouble();
    }
}
