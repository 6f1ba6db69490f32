package io.forewarn.alerts.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.exceptions.InfluxException;
import io.forewarn.contracts.telemetry.EmbeddedQuestDb;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import retrofit2.Response;

/** How the InfluxDB adapter reports a store that is down or refuses: the store and the query named, no raw stack. */
class InfluxQlErrorsTest {
    private static final TimeRange RANGE = new TimeRange(Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T11:00:00Z"));

    @Test
    void aStoreThatIsDownIsReportedAsUnavailableWithTheQuery() {
        String url = "http://127.0.0.1:" + EmbeddedQuestDb.freePort();
        try (TimeSeriesReader reader = new InfluxQlTimeSeriesReader(config(url))) {
            assertThatThrownBy(() -> reader.deviceHistory("ac-1", RANGE, Resolution.ONE_MINUTE))
                    .isInstanceOfSatisfying(TimeSeriesStoreException.class, e -> {
                        assertThat(e.unavailable()).isTrue();
                        assertThat(e.getMessage()).startsWith("InfluxDB at " + url + " (database telemetry) is unreachable")
                                .endsWith("; query: SHOW FIELD KEYS FROM \"telemetry\"");
                    });
        }
    }

    @Test
    void aServerThatAnswers4xxIsReportedAsARefusalWithItsStatus(@TempDir Path root) throws Exception {
        // A real HTTP server that is not InfluxDB: QuestDB answers the InfluxQL endpoint with 405.
        try (EmbeddedQuestDb notInflux = EmbeddedQuestDb.start(root);
             TimeSeriesReader reader = new InfluxQlTimeSeriesReader(config(notInflux.httpUrl()))) {
            assertThatThrownBy(() -> reader.fleetHistory("AC-INV-12K", RANGE, Resolution.ONE_HOUR))
                    .isInstanceOfSatisfying(TimeSeriesStoreException.class, e -> {
                        assertThat(e.unavailable()).isFalse();
                        assertThat(e.getMessage()).startsWith("InfluxDB at " + notInflux.httpUrl() + " (database telemetry) refused the query: HTTP 405")
                                .contains("; query: SHOW FIELD KEYS");
                    });
        }
    }

    @Test
    void statusesMapToRefusedOrUnavailable() {
        assertThat(mapped(401, "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}"))
                .satisfies(e -> assertThat(e.unavailable()).isFalse())
                .hasMessage("InfluxDB at http://influx:8086 refused the query: HTTP 401 (unauthorized access); query: SELECT 1");
        assertThat(mapped(404, "{\"code\":\"not found\",\"message\":\"database not found: telemetry\"}").getMessage())
                .contains("HTTP 404 (database not found: telemetry)");
        assertThat(mapped(429, "{}")).satisfies(e -> assertThat(e.unavailable()).isTrue()).hasMessageContaining("is unavailable: it answered HTTP 429");
        assertThat(mapped(503, "{}")).satisfies(e -> assertThat(e.unavailable()).isTrue()).hasMessageContaining("HTTP 503");
    }

    @Test
    void anAnswerThatCannotBeReadIsReportedWithTheQuery() {
        TimeSeriesStoreException e = InfluxQlTimeSeriesReader.failure("InfluxDB at http://influx:8086", "SELECT 1",
                new NumberFormatException("For input string: \"x\""));
        assertThat(e).hasMessage("InfluxDB at http://influx:8086 gave an answer that could not be read"
                + " (java.lang.NumberFormatException: For input string: \"x\"); query: SELECT 1");
    }

    private static TimeSeriesStoreException mapped(int status, String body) {
        // The client's own exception for an HTTP error answer, as its query API throws it.
        Response<Object> response = Response.error(status, ResponseBody.create(body, MediaType.get("application/json")));
        return InfluxQlTimeSeriesReader.failure("InfluxDB at http://influx:8086", "SELECT 1", new InfluxException(response));
    }

    private static TimeSeriesReadConfig config(String url) {
        return new TimeSeriesReadConfig(TimeSeriesReadConfig.Store.INFLUXDB, TimeSeriesReadConfig.DEFAULT_QUESTDB_JDBC_URL,
                "admin", "quest", url, "token", "forewarn", "telemetry", Duration.ofSeconds(2),
                Duration.ofDays(90), Duration.ofDays(730), Duration.ofHours(1));
    }
}
