package io.forewarn.alerts.timeseries;

import com.github.dockerjava.api.DockerClient;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.write.Point;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The reader contract on a real InfluxDB 2 in a container, read through InfluxQL (the v1 compatibility endpoint).
 * Where the image cannot be had (no Docker, or no Docker Hub, as on the project's own machines) every test of this
 * class is reported as NOT RUN, with the reason, on the console and as the JUnit skip reason; it never passes silently.
 * {@code FOREWARN_TEST_INFLUXDB_IMAGE} names another image (a local mirror of influxdb:2.7).
 */
class InfluxDb2ContainerTest extends TimeSeriesReaderContract {
    private static final String IMAGE = System.getenv().getOrDefault("FOREWARN_TEST_INFLUXDB_IMAGE", "influxdb:2.7");
    private static final String TOKEN = "forewarn-test-token";
    private static final String ORG = "forewarn";
    private static final String BUCKET = "telemetry";

    private static GenericContainer<?> influx;
    private static InfluxQlTimeSeriesReader reader;

    @Override
    @SuppressWarnings("resource")
    String startStore() {
        String unavailable = whyTheImageCannotBeHad();
        if (unavailable != null) {
            return unavailable + ". These tests run wherever Docker can pull " + IMAGE
                    + " (or FOREWARN_TEST_INFLUXDB_IMAGE names a local copy)";
        }
        influx = new GenericContainer<>(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("influxdb"))
                .withExposedPorts(8086)
                .withEnv("DOCKER_INFLUXDB_INIT_MODE", "setup")
                .withEnv("DOCKER_INFLUXDB_INIT_USERNAME", "forewarn")
                .withEnv("DOCKER_INFLUXDB_INIT_PASSWORD", "forewarn-password")
                .withEnv("DOCKER_INFLUXDB_INIT_ORG", ORG)
                .withEnv("DOCKER_INFLUXDB_INIT_BUCKET", BUCKET)
                .withEnv("DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", TOKEN)
                .waitingFor(Wait.forHttp("/ping").forStatusCode(204))
                .withStartupTimeout(Duration.ofMinutes(2));
        influx.start();
        reader = new InfluxQlTimeSeriesReader(new TimeSeriesReadConfig(TimeSeriesReadConfig.Store.INFLUXDB,
                TimeSeriesReadConfig.DEFAULT_QUESTDB_JDBC_URL, "admin", "quest", url(), TOKEN, ORG, BUCKET,
                Duration.ofSeconds(30), Duration.ofDays(90), Duration.ofDays(730), Duration.ofHours(1)));
        return null;
    }

    /** Null when the image is there or can be pulled; otherwise what stands in the way. */
    private static String whyTheImageCannotBeHad() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine answers (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + "; deploy/testenv/setup.sh starts one)";
        }
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(IMAGE).exec();
            return null;
        } catch (RuntimeException notLocal) {
            try {
                docker.pullImageCmd(IMAGE).start().awaitCompletion(2, TimeUnit.MINUTES);
                docker.inspectImageCmd(IMAGE).exec();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while pulling " + IMAGE;
            } catch (RuntimeException e) {
                return "the image " + IMAGE + " is not present and cannot be pulled (" + e.getMessage().strip() + ")";
            }
        }
    }

    private static String url() {
        return "http://" + influx.getHost() + ":" + influx.getMappedPort(8086);
    }

    @Override
    TimeSeriesReader reader() {
        return reader;
    }

    @Override
    void write(List<Point> points) {
        try (InfluxDBClient client = InfluxDBClientFactory.create(url(), TOKEN.toCharArray(), ORG, BUCKET)) {
            client.getWriteApiBlocking().writePoints(points);
        }
    }

    @AfterAll
    static void stop() {
        if (reader != null) reader.close();
        if (influx != null) influx.stop();
    }
}
