package io.forewarn.alerts.timeseries;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.write.Point;
import io.forewarn.contracts.telemetry.EmbeddedQuestDb;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * This package's embedded QuestDB with its reader, for tests elsewhere (the web app's device chart): telemetry is
 * written as the job writes it (InfluxDB v2 line protocol) and read through {@link #reader()}.
 */
public final class QuestDbForTests implements AutoCloseable {
    private final EmbeddedQuestDb questDb;
    private final QuestDbTimeSeriesReader reader;

    private QuestDbForTests(EmbeddedQuestDb questDb, QuestDbTimeSeriesReader reader) {
        this.questDb = questDb;
        this.reader = reader;
    }

    /** Starts QuestDB under {@code root} with the telemetry table holding {@code sensors}, as the launcher does. */
    public static QuestDbForTests start(Path root, Set<String> sensors) throws IOException {
        EmbeddedQuestDb questDb = EmbeddedQuestDb.start(root);
        QuestDbTimeSeriesReader reader = new QuestDbTimeSeriesReader(TimeSeriesReadConfig.questDb(questDb.jdbcUrl()));
        reader.ensureSchema(sensors);
        return new QuestDbForTests(questDb, reader);
    }

    public TimeSeriesReader reader() {
        return reader;
    }

    public void write(List<Point> points) {
        try (InfluxDBClient client = InfluxDBClientFactory.create(questDb.httpUrl(), "unused".toCharArray(), "forewarn", "telemetry")) {
            client.getWriteApiBlocking().writePoints(points);
        }
    }

    @Override
    public void close() {
        reader.close();
        questDb.close();
    }
}
