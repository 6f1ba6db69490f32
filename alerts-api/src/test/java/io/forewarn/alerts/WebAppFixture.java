package io.forewarn.alerts;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.forewarn.alerts.notifications.NotificationsConfig;
import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.alerts.timeseries.QuestDbForTests;
import io.forewarn.alerts.timeseries.Resolution;
import io.forewarn.alerts.timeseries.TimeRange;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;

/**
 * What the web app's browser tests run against: {@link SeedData}'s fleet in a database of its own (in the shared
 * embedded PostgreSQL, so the read-only tests keep their seed), a real embedded QuestDB holding a day of telemetry of
 * device {@link SeedData#DEV_A1}, and an API on both with the clock at {@link SeedData#NOW}.
 */
final class WebAppFixture implements AutoCloseable {
    /** The sensors of the seeded telemetry. */
    static final Set<String> SENSORS = Set.of("temperature", "vibration_rms");

    final DataSource dataSource;
    final AlertsApi api;
    private final QuestDbForTests telemetry;
    private final Vertx vertx;

    private WebAppFixture(DataSource dataSource, AlertsApi api, QuestDbForTests telemetry, Vertx vertx) {
        this.dataSource = dataSource;
        this.api = api;
        this.telemetry = telemetry;
        this.vertx = vertx;
    }

    static WebAppFixture start(String database, Path questDbRoot) throws Exception {
        TestApi shared = TestApi.get();
        try (Connection c = shared.postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        DataSource dataSource = shared.postgres.getDatabase("postgres", database);
        QuestDbForTests telemetry = QuestDbForTests.start(questDbRoot, SENSORS);
        Vertx vertx = Vertx.vertx();
        AlertsApi api = AlertsApi.start(vertx, AlertsApiConfig.defaults(0).withLoginAttemptsPerMinute(1000), dataSource,
                        Clock.fixed(SeedData.NOW, ZoneOffset.UTC), WorkflowConfig.defaults(), NotificationsConfig.off(),
                        telemetry.reader())
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        SeedData.insertAll(dataSource);
        SeedData.insertUsers(dataSource);
        WebAppFixture fixture = new WebAppFixture(dataSource, api, telemetry, vertx);
        fixture.seedTelemetry();
        return fixture;
    }

    /**
     * A reading every minute over the last 20 hours: temperature swings twice a day, vibration rises slowly; both with
     * a deterministic ripple, so each five-minute bucket has a spread between its min and max.
     */
    private void seedTelemetry() {
        List<Point> points = new ArrayList<>();
        Instant start = SeedData.NOW.minus(Duration.ofHours(20));
        for (int minute = 0; minute <= 20 * 60; minute++) {
            double ripple = Math.sin(minute * 1.7);
            points.add(Point.measurement("telemetry")
                    .addTag("device_id", SeedData.DEV_A1)
                    .addTag("product_model", "HP-200")
                    .addField("temperature", 45 + 6 * Math.sin(minute / 100.0) + 0.8 * ripple)
                    .addField("vibration_rms", 2.0 + minute * 0.004 + 0.15 * ripple)
                    .time(start.plus(Duration.ofMinutes(minute)).toEpochMilli(), WritePrecision.MS));
        }
        telemetry.write(points);
        // QuestDB applies writes asynchronously: wait until the reader sees them.
        TimeRange day = TimeRange.ending(SeedData.NOW, Duration.ofDays(1));
        Awaitility.await("seeded telemetry is readable").atMost(Duration.ofSeconds(30)).until(() ->
                telemetry.reader().deviceHistory(SeedData.DEV_A1, day, Resolution.parse("PT5M")).buckets().size() == 20 * 12);
    }

    String appUrl() {
        return "http://127.0.0.1:" + api.port() + "/app/";
    }

    void exec(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public void close() throws Exception {
        api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        telemetry.close();
    }
}
