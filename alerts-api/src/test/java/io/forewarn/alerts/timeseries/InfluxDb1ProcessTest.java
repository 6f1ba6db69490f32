package io.forewarn.alerts.timeseries;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.forewarn.contracts.telemetry.EmbeddedQuestDb;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The InfluxDB adapter's InfluxQL executed by a real InfluxQL engine that these machines can install: Debian's
 * {@code influxdb} package (1.6.7, {@code apt-get install influxdb}), run as a process. InfluxDB 1.x has no v2 write
 * API, so the test data goes in through its v1 {@code /write} endpoint as the same line protocol. Where no
 * {@code influxd} is installed every test is reported as not run, with the reason.
 */
class InfluxDb1ProcessTest extends TimeSeriesReaderContract {
    @TempDir
    static Path root;
    private static Process influxd;
    private static String url;
    private static InfluxQlTimeSeriesReader reader;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    String startStore() throws Exception {
        Path binary = onPath("influxd");
        if (binary == null) {
            return "no influxd on the PATH (install Debian's InfluxDB 1.x with `apt-get install influxdb`)";
        }
        int http = EmbeddedQuestDb.freePort();
        Path conf = root.resolve("influxdb.conf");
        Files.writeString(conf, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                """.formatted(EmbeddedQuestDb.freePort(), root, root, root, http));
        influxd = new ProcessBuilder(binary.toString(), "-config", conf.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("influxd.log").toFile()).start();
        url = "http://127.0.0.1:" + http;
        Awaitility.await("influxd answers /ping").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> send("/ping", null).statusCode() == 204);
        send("/query?q=" + URLEncoder.encode("CREATE DATABASE telemetry", StandardCharsets.UTF_8), "");
        // A 7-minute export window, so the export tests cross window boundaries.
        reader = new InfluxQlTimeSeriesReader(new TimeSeriesReadConfig(TimeSeriesReadConfig.Store.INFLUXDB,
                TimeSeriesReadConfig.DEFAULT_QUESTDB_JDBC_URL, "admin", "quest", url, "unused", "forewarn", "telemetry",
                Duration.ofSeconds(30), Duration.ofDays(90), Duration.ofDays(730), Duration.ofMinutes(7)));
        return null;
    }

    @Override
    TimeSeriesReader reader() {
        return reader;
    }

    @Override
    void write(List<Point> points) throws Exception {
        String lines = points.stream().map(Point::toLineProtocol).collect(Collectors.joining("\n"));
        HttpResponse<String> response = send("/write?db=telemetry&precision=ms", lines);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("influxd refused the writes: " + response.statusCode() + " " + response.body());
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (reader != null) reader.close();
        if (influxd != null) {
            influxd.destroy();
            influxd.waitFor();
        }
    }

    private static HttpResponse<String> send(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10));
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
