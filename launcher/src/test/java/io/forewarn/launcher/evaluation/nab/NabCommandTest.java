package io.forewarn.launcher.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./forewarn evaluate --nab DIR} on a two-file NAB directory laid out like the real one. */
class NabCommandTest {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);

    @TempDir
    Path nab;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return NabCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    void writeCorpus() throws IOException {
        Files.createDirectories(nab.resolve("data/synthetic"));
        Files.createDirectories(nab.resolve("labels"));
        Files.createDirectories(nab.resolve("config"));
        Random random = new Random(3);
        for (String name : List.of("a", "b")) {
            StringBuilder csv = new StringBuilder("timestamp,value\n");
            for (int i = 0; i < 1500; i++) {
                double value = 10 + random.nextGaussian() + (i >= 1200 && i < 1210 ? 30 : 0);
                csv.append(TIME.format(T0.plusMinutes(5L * i))).append(',').append(value).append('\n');
            }
            Files.writeString(nab.resolve("data/synthetic/" + name + ".csv"), csv);
        }
        String window = "[[\"" + TIME.format(T0.plusMinutes(5L * 1150)) + ".000000\", \""
                + TIME.format(T0.plusMinutes(5L * 1250)) + ".000000\"]]";
        Files.writeString(nab.resolve("labels/combined_windows.json"),
                "{\"synthetic/a.csv\": " + window + ", \"synthetic/b.csv\": " + window + "}");
        Files.writeString(nab.resolve("config/profiles.json"), """
                {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}},
                 "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0}},
                 "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0}}}
                """);
        Files.writeString(nab.resolve("README.md"), """
                ## Published scoreboard (standard / reward low FP / reward low FN)
                | detector | standard | low FP | low FN |
                | --- | --- | --- | --- |
                | perfect | 100 | 100 | 100 |
                | ARTime | 74.9 | 65.2 | 80.4 |
                | Numenta HTM | 70.1–70.5 | 63.1 | 74.3 |
                | null | 0 | 0 | 0 |
                """);
    }

    @Test
    void runsTheJobsDetectorOverEveryFileShowingProgressAndPrintsItsScoresBesideTheScoreboard() throws IOException {
        writeCorpus();
        int code = run(nab.toString(), "--detector", "job");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("[ 1/2] synthetic/a.csv", "[ 2/2] synthetic/b.csv");
        assertThat(printed).contains("| ARTime | 74.9 | 65.2 | 80.4 |", "| Numenta HTM | 70.1–70.5 | 63.1 | 74.3 |")
                .doesNotContain("| perfect |", "| null |");
        assertThat(printed).containsPattern("\\| \\*\\*Forewarn: the job as it is\\*\\* \\| \\*\\*-?\\d+\\.\\d\\*\\* \\|");
        assertThat(printed).contains("of 2 windows detected");
    }

    @Test
    void dropsTheFirstRowsOfEveryFileWhenAskedKeepingTheWindowsLeft() throws IOException {
        writeCorpus();
        int code = run(nab.toString(), "--detector", "baseline", "--drop-first", "50");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("2 files, each without its first 50 % of rows");
        assertThat(printed).containsPattern("synthetic/a.csv +750 rows");
        assertThat(printed).contains("(2 files, 1,500 rows,").contains("of 2 windows detected");
    }

    @Test
    void rejectsAShareOfRowsToDropThatIsNotAPercentage() {
        assertThat(run("--drop-first", "100")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--drop-first: expected a percentage from 0 to 99");
    }

    @Test
    void ranksOurRowAmongThePublishedOnesByTheStandardProfile() {
        NabProfile standard = new NabProfile("standard", 1, 0.11, 1);
        NabProfile lowFp = new NabProfile("reward_low_FP_rate", 1, 0.22, 1);
        NabProfile lowFn = new NabProfile("reward_low_FN_rate", 1, 0.11, 2);
        List<NabScorer.Outcome> outcomes = List.of(
                new NabScorer.Outcome(standard, 0.5, 0, 72.0, 1, 1, 0, Map.of()),
                new NabScorer.Outcome(lowFp, 0.5, 0, 60.0, 1, 1, 0, Map.of()),
                new NabScorer.Outcome(lowFn, 0.5, 0, 75.0, 1, 1, 0, Map.of()));
        NabBenchmark.Result ours = new NabBenchmark.Result("Ours", "d", 1, 10, outcomes, 1.0);
        String table = NabBenchmark.table(List.of(ours), List.of(
                new NabCorpus.ScoreboardEntry("ARTime", "74.9", "65.2", "80.4"),
                new NabCorpus.ScoreboardEntry("Numenta HTM", "70.1–70.5", "63.1", "74.3")));
        assertThat(table).containsSubsequence("| ARTime |", "| **Ours** | **72.0** | **60.0** | **75.0** |", "| Numenta HTM |");
    }

    @Test
    void saysWhereToPointItWhenTheDirectoryIsNotNab() {
        assertThat(run(nab.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a NAB directory").contains("FOREWARN_NAB_DIR");
    }

    @Test
    void rejectsAnUnknownDetector() {
        assertThat(run("--detector", "magic")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--detector magic: expected baseline, job, job-retrained, multiscale or all");
    }

    @Test
    void theDirectoryDefaultsToTheSharedDatasetsAndFollowsTheEnvironment() {
        assertThat(NabConfig.fromEnv(Map.of()).directory()).isEqualTo(Path.of("../shared/datasets/nab"));
        assertThat(NabConfig.fromEnv(Map.of("FOREWARN_NAB_DIR", "/data/nab")).directory()).isEqualTo(Path.of("/data/nab"));
    }
}
