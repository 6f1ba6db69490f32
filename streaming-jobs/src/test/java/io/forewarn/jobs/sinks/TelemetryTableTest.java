package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.telemetry.QuestDbTelemetrySchema;
import io.forewarn.jobs.stores.TimeSeriesStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job creates the telemetry table through the one definition the alerts API's reader uses
 * ({@link QuestDbTelemetrySchema}): whichever starts first, the table has day partitions, the raw retention's TTL,
 * the dedup keys that make a re-sent reading replace itself, the indexed device id, and the hourly view.
 */
class TelemetryTableTest {

    @Test
    void theJobCreatesTheWholeSchema_dayPartitionsTtlDedupKeysIndexedDeviceAndTheHourlyView(@TempDir Path root) throws Exception {
        try (TimeSeriesStore questDb = TimeSeriesStore.start(root)) {
            questDb.createTelemetryTable();
            questDb.createTelemetryTable(); // at every start: idempotent

            assertTheWholeSchema(questDb);
            assertThat(questDb.rows("SELECT \"column\" FROM table_columns('telemetry') WHERE type = 'DOUBLE'"))
                    .as("a column per catalog sensor").hasSizeGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void aTableAnEarlierFirstWriteCreatedIsBroughtToTheSameShape(@TempDir Path root) throws Exception {
        try (TimeSeriesStore questDb = TimeSeriesStore.start(root)) {
            // What QuestDB makes of a first line-protocol write: no dedup, no TTL, no index.
            questDb.execute("CREATE TABLE telemetry (device_id SYMBOL, product_model SYMBOL, airflow DOUBLE, timestamp TIMESTAMP)"
                    + " TIMESTAMP(timestamp) PARTITION BY DAY WAL");

            questDb.createTelemetryTable();

            assertTheWholeSchema(questDb);
        }
    }

    private static void assertTheWholeSchema(TimeSeriesStore questDb) throws Exception {
        String ddl = questDb.rows("SHOW CREATE TABLE telemetry").get(0).get(0);
        assertThat(ddl).contains("PARTITION BY DAY").contains("TTL 90 DAYS").contains("device_id SYMBOL INDEX");
        assertThat(questDb.rows("SELECT \"column\" FROM table_columns('telemetry') WHERE upsertKey"))
                .containsExactlyInAnyOrder(List.of("timestamp"), List.of("device_id"));
        assertThat(questDb.rows("SELECT view_name, base_table_name FROM materialized_views()"))
                .containsExactly(List.of(QuestDbTelemetrySchema.HOURLY_VIEW, QuestDbTelemetrySchema.TABLE));
        assertThat(questDb.rows("SHOW CREATE MATERIALIZED VIEW telemetry_1h").get(0).get(0))
                .contains("SAMPLE BY 1h").contains("TTL 730 DAYS");
    }
}
