package io.forewarn.launcher.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import io.forewarn.alerts.timeseries.QuestDbTimeSeriesReader;
import io.forewarn.alerts.timeseries.TimeRange;
import io.forewarn.alerts.timeseries.TimeSeriesReadConfig;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.models.TrainedModel;
import io.forewarn.jobs.sinks.TelemetrySink;
import io.forewarn.launcher.embedded.EmbeddedTimeSeriesStore;
import io.forewarn.simulator.fleet.HealthyHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./forewarn train --from-store}: a model trained on the readings the job stored, through the reader's export. */
class StoreTrainingTest {

    @Test
    void aProductModelWithStoredReadingsGetsANewModelVersionAndTheOthersAreSkipped(@TempDir Path dir) throws Exception {
        ProductCatalog catalog = ProductCatalog.load();
        ProductModel pump = catalog.models().stream().filter(m -> m.id().startsWith("PUMP")).findFirst().orElseThrow();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
        List<TelemetryMessage> history = HealthyHistory.generate(catalog, pump, 4, Duration.ofDays(2), 11, start);
        long monitored = history.stream().filter(m -> pump.isMonitored(m.mode())).count();

        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.start(dir.resolve("questdb"), 0, 0);
             QuestDbTimeSeriesReader reader = new QuestDbTimeSeriesReader(TimeSeriesReadConfig.questDb(store.jdbcUrl()))) {
            reader.ensureSchema(catalog);
            try (InfluxDBClient client = InfluxDBClientFactory.create(store.influxUrl(), "unused".toCharArray(), "forewarn", "telemetry")) {
                client.getWriteApiBlocking().writePoints(history.stream().map(TelemetrySink::toPoint).toList());
            }
            TimeRange range = TimeRange.ending(Instant.now(), Duration.ofDays(5));
            Awaitility.await("the store applies the writes").atMost(Duration.ofSeconds(60)).until(() ->
                    reader.exportTraining(io.forewarn.alerts.timeseries.TrainingSelection.productModel(pump.id()), range, row -> {}) == history.size());

            ModelStore models = new ModelStore(dir.resolve("models"));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int trained = StoreTraining.train(catalog, models, reader, range, new PrintStream(printed, true));

            assertThat(trained).isEqualTo(1);
            TrainedModel model = models.loadLatest(pump.id()).orElseThrow();
            assertThat(model.trainingDescription()).startsWith("QuestDB at " + store.jdbcUrl() + ": " + monitored
                    + " monitored readings of 4 devices");
            List<String> others = new ArrayList<>();
            catalog.models().stream().filter(m -> m != pump).forEach(m -> others.add("skipped " + m.id()));
            assertThat(printed.toString()).contains("trained " + pump.id()).contains(others);
        }
    }
}
