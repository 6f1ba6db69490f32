package io.forewarn.launcher.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./forewarn train --csv}: a versioned model from a recorded dataset's healthy periods, and clear errors. */
class CsvTrainingTest {
    @TempDir
    static Path data;
    static RecordedFixture fixture;

    @TempDir
    Path models;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void writeDataset() {
        fixture = RecordedFixture.write(data, 40, 16, 21);
    }

    private int train(String... args) {
        return TrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void trainsAVersionedModelOnTheHealthyPeriodsAndDescribesItsTrainingData() throws IOException {
        assertThat(fixture.failures()).as("the fixture has pumps that fail").hasSizeGreaterThanOrEqualTo(2);

        int exit = train("--csv", fixture.csv().toString(), "--events", fixture.events().toString(),
                "--product-model", RecordedFixture.MODEL, "--models", models.toString(), "--supervised");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        TrainedModel model = new ModelStore(models).loadLatest(RecordedFixture.MODEL).orElseThrow();
        assertThat(model.version()).isEqualTo(RecordedFixture.MODEL + "/v1");
        assertThat(model.trainingData().source()).isEqualTo(fixture.csv().toString());
        assertThat(model.trainingData().excludedWindows()).as("before each failure, and after it: no repair is recorded")
                .hasSize(2 * fixture.failures().size())
                .anySatisfy(w -> assertThat(w).startsWith(fixture.failures().get(0).deviceId() + " ").contains("before failure"))
                .anySatisfy(w -> assertThat(w).contains("no repair recorded after it"));
        assertThat(model.trainingData().rows()).as("readings before and after failures are left out")
                .isLessThan(fixture.rows()).isGreaterThan(fixture.rows() / 3);
        assertThat(model.trainingData().devices()).as("the pumps that never failed").isEqualTo(fixture.devices() - fixture.failures().size());
        assertThat(model.trainingData().columns()).contains("vibration_rms", "bearing_temp");
        assertThat(model.timeToFailure()).as("run-to-failure history gives a supervised model").isNotNull();
        assertThat(model.timeToFailure().estimate(new double[8]).hours()).isBetween(0.0, 720.0);
        String json = Files.readString(models.resolve(RecordedFixture.MODEL).resolve("v1.json"));
        assertThat(json).contains("\"trainingDataDetail\"", "\"excludedWindows\"", "\"timeToFailure\"", "\"heldOutMeanAbsoluteErrorHours\"");

        assertThat(train("--csv", fixture.csv().toString(), "--product-model", RecordedFixture.MODEL, "--models", models.toString())).isZero();
        assertThat(new ModelStore(models).latestVersion(RecordedFixture.MODEL)).as("a second run adds a version").contains(2);
    }

    @Test
    void aMalformedRowIsReportedWithItsFileLineAndField() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(fixture.csv()).subList(0, 5));
        String[] third = lines.get(2).split(",", -1);
        third[2] = "loud";  // vibration_rms, the first sensor column
        lines.set(2, String.join(",", third));
        Path bad = models.resolve("bad.csv");
        Files.write(bad, lines);

        int exit = train("--csv", bad.toString(), "--model", RecordedFixture.MODEL, "--models", models.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(bad + ":3: field 'vibration_rms': expected a number, got 'loud'");
        assertThat(new ModelStore(models).latestVersion(RecordedFixture.MODEL)).isEmpty();
    }

    @Test
    void anEventForADeviceNotInTheTelemetryIsReportedWithItsLine() throws IOException {
        Path events = models.resolve("events.csv");
        Files.write(events, List.of("device_id,time,type", "pump-nowhere,2026-01-10T00:00:00Z,FAILURE"));

        int exit = train("--csv", fixture.csv().toString(), "--events", events.toString(), "--model", RecordedFixture.MODEL,
                "--models", models.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(events + ":2: field 'device_id': device 'pump-nowhere' does not appear");
    }

    @Test
    void aProductModelOutsideTheCatalogIsRefusedWithTheModelsThereAre() {
        int exit = train("--csv", fixture.csv().toString(), "--model", "MY-PUMP", "--models", models.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'MY-PUMP' is not a catalog product model", RecordedFixture.MODEL);
    }
}
