package io.forewarn.launcher.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.alerts.AlertsApi;
import io.forewarn.alerts.AlertsApiConfig;
import io.forewarn.alerts.notifications.NotificationsConfig;
import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.ServiceSchema;
import io.forewarn.ingest.validation.ValidationConfig;
import io.forewarn.jobs.JobConfig;
import io.forewarn.jobs.directory.JdbcDeviceDirectory;
import io.forewarn.jobs.local.LocalJobRunner;
import io.forewarn.jobs.models.ModelStore;
import io.forewarn.jobs.sinks.JdbcSettings;
import io.forewarn.launcher.embedded.EmbeddedMqttBroker;
import io.forewarn.launcher.embedded.EmbeddedServiceDatabase;
import io.forewarn.launcher.embedded.EmbeddedTimeSeriesStore;
import io.forewarn.launcher.embedded.FreePorts;
import io.forewarn.alerts.timeseries.QuestDbTimeSeriesReader;
import io.forewarn.alerts.timeseries.TimeSeriesReadConfig;
import io.forewarn.alerts.timeseries.TimeSeriesReader;
import io.forewarn.launcher.training.StartupTraining;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.publish.FleetPublisher;
import io.forewarn.simulator.publish.SimClock;
import io.forewarn.simulator.truth.GroundTruthCsv;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline in one process: MQTT broker, time-series store, service database, the Flink job, the alerts
 * API and a simulated fleet. Everything it keeps lives under the data directory; closing stops it all in reverse order.
 */
public final class Demo implements AutoCloseable {
    /** The sim time the last run published up to, kept in the data directory for the next start. */
    static final String CLOCK_FILE = "simulation-clock.txt";
    /** How far ahead of the wall clock a saved sim time may stand (clock adjustments) before the data dir is refused. */
    private static final Duration AHEAD_TOLERANCE = Duration.ofMinutes(5);
    /** Room above the oldest replayed reading's age when the ingest's age limit is widened for a long catch-up. */
    private static final Duration AGE_MARGIN = Duration.ofDays(1);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final PrintStream console;
    private Fleet fleet;
    private FleetPublisher publisher;
    private String apiUrl;
    private DemoCredentials credentials;
    private String timeSeriesSqlUrl;

    private Demo(PrintStream console) {
        this.console = console;
    }

    public static Demo start(DemoConfig config, PrintStream console) throws Exception {
        Demo demo = new Demo(console);
        try {
            demo.startAll(config);
            return demo;
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(DemoConfig config) throws Exception {
        config.validated();
        Path dataDir = Files.createDirectories(config.dataDir().toAbsolutePath());
        ProductCatalog catalog = ProductCatalog.load();
        Map<String, String> jobEnv = new HashMap<>(config.env());
        // Carry on from the sim time the last run reached, so a restart neither repeats nor skips readings.
        Path clockFile = dataDir.resolve(CLOCK_FILE);
        Instant resumeAfter = Files.exists(clockFile) ? Instant.parse(Files.readString(clockFile).trim()) : null;
        FleetConfig fleetConfig = fleetConfig(config, dataDir);
        Instant replayFrom = resumeAfter == null ? fleetConfig.start() : resumeAfter;
        requireNotAhead(replayFrom, dataDir);

        String mqttUri = config.external("FOREWARN_MQTT_URI");
        if (mqttUri == null) {
            step("MQTT broker (embedded HiveMQ CE)");
            EmbeddedMqttBroker broker = keep(EmbeddedMqttBroker.start(dataDir.resolve("hivemq"), config.mqttPort()));
            mqttUri = broker.uri();
        }
        jobEnv.put("FOREWARN_MQTT_URI", mqttUri);

        if (config.external("FOREWARN_INFLUX_URL") == null) {
            step("time-series store (embedded QuestDB, InfluxDB v2 write API)");
            EmbeddedTimeSeriesStore questDb = keep(EmbeddedTimeSeriesStore.start(dataDir.resolve("questdb"),
                    config.questDbHttpPort(), config.questDbPgPort()));
            jobEnv.put("FOREWARN_INFLUX_URL", questDb.influxUrl());
            timeSeriesSqlUrl = questDb.jdbcUrl();
        }

        JdbcSettings jdbc;
        if (config.external("FOREWARN_JDBC_URL") == null) {
            step("service database (embedded PostgreSQL)");
            EmbeddedServiceDatabase postgres = keep(EmbeddedServiceDatabase.start(dataDir.resolve("postgres"), config.postgresPort()));
            jdbc = new JdbcSettings(postgres.jdbcUrl(), postgres.user(), "");
        } else {
            jdbc = new JdbcSettings(config.external("FOREWARN_JDBC_URL"), config.env().getOrDefault("FOREWARN_JDBC_USER", "forewarn"),
                    config.env().getOrDefault("FOREWARN_JDBC_PASSWORD", ""));
        }
        jobEnv.put("FOREWARN_JDBC_URL", jdbc.url());
        jobEnv.put("FOREWARN_JDBC_USER", jdbc.user());
        jobEnv.put("FOREWARN_JDBC_PASSWORD", jdbc.password());
        HikariDataSource dataSource = keep(pool(jdbc));
        ServiceSchema.migrate(dataSource);

        fleet = Fleet.create(catalog, fleetConfig.withServerUri(mqttUri));
        FleetRegistration.register(dataSource, fleet);
        GroundTruthCsv.write(dataDir.resolve("ground-truth.csv"), fleet.groundTruth());

        Path models = dataDir.resolve("models");
        step("anomaly models in " + models);
        StartupTraining.ensureModels(catalog, new ModelStore(models), config.seed(), console);

        step("alerts API (Vert.x)");
        Vertx vertx = Vertx.vertx();
        keep(() -> vertx.close().await(30, TimeUnit.SECONDS));
        AlertsApiConfig fromEnv = AlertsApiConfig.fromEnv(config.env());
        // The port is fixed before the API starts because the notices it sends link to it.
        int apiPort = config.apiPort() == 0 ? FreePorts.pick() : config.apiPort();
        AlertsApiConfig apiConfig = new AlertsApiConfig(fromEnv.httpHost(), apiPort, Secrets.apiSecret(dataDir),
                fromEnv.tokenTtl(), fromEnv.loginAttemptsPerMinute());
        TimeSeriesReader telemetry = keep(telemetryReader(config, catalog));
        AlertsApi api = AlertsApi.start(vertx, apiConfig, dataSource, Clock.systemUTC(), WorkflowConfig.fromEnv(config.env()),
                notifications(config, mqttUri, apiConfig), telemetry).await(30, TimeUnit.SECONDS);
        keep(() -> api.close().await(30, TimeUnit.SECONDS));
        apiUrl = "http://" + apiConfig.httpHost() + ":" + api.port();
        credentials = DemoCredentials.ensure(dataDir, dataSource, apiUrl, FleetRegistration.demoSubjects(fleet, catalog));

        step("streaming job (Flink MiniCluster)");
        jobEnv.put("FOREWARN_MODEL_DIR", models.toString());
        jobEnv.put("FOREWARN_CHECKPOINT_INTERVAL", config.checkpointInterval().toString());
        jobEnv.put("FOREWARN_BOOKING_URL", apiUrl + "/book");
        // Simulated time never passes the wall clock, so the ingest's "event time in the future" check stays on. The
        // age check is widened only when the catch-up replays readings older than it allows (a demo restarted after
        // a long stop, or a catch-up longer than a week).
        Duration replayed = Duration.between(replayFrom, Instant.now());
        if (replayed.plus(AGE_MARGIN).compareTo(ValidationConfig.defaults().maxAge()) > 0) {
            jobEnv.putIfAbsent("FOREWARN_INGEST_MAX_AGE", replayed.plus(AGE_MARGIN).truncatedTo(ChronoUnit.HOURS).toString());
        }
        JobConfig jobConfig = JobConfig.fromEnv(jobEnv);
        keep(LocalJobRunner.start(jobConfig, catalog, new JdbcDeviceDirectory(jdbc, Duration.ofMinutes(1)),
                dataDir.resolve("flink")));

        step("device simulator: " + fleet.devices().size() + " products, " + config.degradingDevices()
                + " of them degrading; simulated time replays from " + replayFrom.truncatedTo(ChronoUnit.MINUTES) + " at "
                + (long) config.speedUp() + "x until it reaches the wall clock, then runs in real time");
        keep(new TicketFeed(dataSource, console).start());
        publisher = new FleetPublisher(fleet, stats -> console.println("  " + stats.progressLine()), resumeAfter)
                .catchUpWithWallClock().start();
        keep(() -> {
            publisher.close();
            // What was published by the stop; none of it lies ahead of the wall clock.
            Files.writeString(clockFile, publisher.resumePoint().toString());
        });
    }

    /** Where the data directory's simulated clock is, or where its fleet starts: never ahead of the wall clock. */
    private static void requireNotAhead(Instant simTime, Path dataDir) {
        Instant now = Instant.now();
        if (simTime.isAfter(now.plus(AHEAD_TOLERANCE))) {
            throw new IllegalStateException("the simulated clock in " + dataDir + " stands at " + simTime + ", ahead of the wall clock ("
                    + now.truncatedTo(ChronoUnit.SECONDS) + "): a data directory of a demo whose simulated time ran ahead. "
                    + "Start with another --data-dir, or delete this one.");
        }
    }

    private FleetConfig fleetConfig(DemoConfig config, Path dataDir) throws Exception {
        // The fleet's start is fixed on first run and kept, so a restarted demo replays the same fleet. It lies the
        // catch-up before now: the sim clock replays that time, then runs with the wall clock.
        Path startFile = dataDir.resolve("simulation-start.txt");
        Instant start;
        if (Files.exists(startFile)) {
            start = Instant.parse(Files.readString(startFile).trim());
        } else {
            start = SimClock.startBefore(Instant.now(), config.catchUp());
            Files.writeString(startFile, start.toString());
        }
        // Each step is checked whole: no degrading devices first, so a fleet smaller than the default's six fits.
        return FleetConfig.defaults()
                .withDegradingDevices(0)
                .withDevices(config.devices())
                .withDegradingDevices(config.degradingDevices())
                .withSeed(config.seed())
                .withSpeedUp(config.speedUp())
                .withStart(start)
                .withClientIdPrefix("forewarn-demo-fleet")
                // A ticket resolved in the API ends the fault of the simulated product.
                .withListenForService(true);
    }

    // Device notices and service visits go through the demo's broker; e-mail only when FOREWARN_NOTIFY_SMTP_HOST is set.
    /**
     * The API's reader of device telemetry history: the embedded QuestDB over its PostgreSQL wire port (with its
     * retention and hourly view ensured), or the store {@code FOREWARN_TIMESERIES_READ} names when external.
     */
    private TimeSeriesReader telemetryReader(DemoConfig config, ProductCatalog catalog) {
        TimeSeriesReadConfig read = TimeSeriesReadConfig.fromEnv(config.env());
        if (timeSeriesSqlUrl == null) {
            return TimeSeriesReader.open(read);
        }
        QuestDbTimeSeriesReader questDb = new QuestDbTimeSeriesReader(read.withQuestDb(timeSeriesSqlUrl));
        questDb.ensureSchema(catalog);
        return questDb;
    }

    private static NotificationsConfig notifications(DemoConfig config, String mqttUri, AlertsApiConfig api) {
        Map<String, String> env = new HashMap<>(config.env());
        env.putIfAbsent("FOREWARN_NOTIFY_MQTT_URI", mqttUri);
        if (env.containsKey("FOREWARN_MQTT_USERNAME")) {
            env.putIfAbsent("FOREWARN_NOTIFY_MQTT_USERNAME", env.get("FOREWARN_MQTT_USERNAME"));
            env.putIfAbsent("FOREWARN_NOTIFY_MQTT_PASSWORD", env.get("FOREWARN_MQTT_PASSWORD"));
        }
        env.putIfAbsent("FOREWARN_PUBLIC_URL", "http://" + api.httpHost() + ":" + api.httpPort());
        return NotificationsConfig.fromEnv(env);
    }

    private static HikariDataSource pool(JdbcSettings jdbc) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbc.url());
        hikari.setUsername(jdbc.user());
        hikari.setPassword(jdbc.password());
        hikari.setMaximumPoolSize(8);
        hikari.setPoolName("forewarn-demo");
        return new HikariDataSource(hikari);
    }

    private void step(String what) {
        console.println("• starting " + what);
    }

    private <T extends AutoCloseable> T keep(T service) {
        running.push(service);
        return service;
    }

    public Fleet fleet() {
        return fleet;
    }

    /** True once the fleet's simulated time has caught up with the wall clock and runs in real time. */
    public boolean simulationIsLive() {
        return publisher != null && publisher.isLive();
    }

    public String apiUrl() {
        return apiUrl;
    }

    public DemoCredentials credentials() {
        return credentials;
    }

    /** SQL access to the embedded QuestDB (user admin, password quest), or null when the store is external. */
    public String timeSeriesSqlUrl() {
        return timeSeriesSqlUrl;
    }

    /** Stops everything that was started, newest first; keeps going past failures so nothing is left running. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable service = running.pop();
            try {
                service.close();
            } catch (Exception e) {
                console.println("  (while stopping: " + e + ")");
            }
        }
    }
}
