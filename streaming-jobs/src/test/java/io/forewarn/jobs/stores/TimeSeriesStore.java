package io.forewarn.jobs.stores;

import io.forewarn.contracts.telemetry.EmbeddedQuestDb;
import io.forewarn.jobs.sinks.TelemetryTable;
import io.forewarn.jobs.sinks.TimeSeriesSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The embedded QuestDB with what the job's tests need of it: the job writes to it through the InfluxDB v2 write API
 * ({@link #settings}), the tests read back with SQL.
 */
public final class TimeSeriesStore extends EmbeddedQuestDb {
    private TimeSeriesStore(Path root, String serverConf) throws IOException {
        super(root, serverConf);
    }

    public static TimeSeriesStore start(Path root) throws IOException {
        return start(root, "");
    }

    /** @param serverConf more lines for QuestDB's {@code server.conf}, e.g. {@code http.user=...} to require credentials */
    public static TimeSeriesStore start(Path root, String serverConf) throws IOException {
        return new TimeSeriesStore(root, serverConf);
    }

    /** Where the telemetry sink writes; QuestDB ignores token, org and bucket. */
    public TimeSeriesSettings settings(int batchSize) {
        return new TimeSeriesSettings(httpUrl(), "unused", "forewarn", "telemetry", batchSize, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    /** Creates the deduplicated telemetry table, as the launcher does before the job writes. */
    public void createTelemetryTable() throws SQLException {
        try (Connection c = connect()) {
            TelemetryTable.ensure(c);
        }
    }
}
