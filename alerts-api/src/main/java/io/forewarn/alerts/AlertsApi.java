package io.forewarn.alerts;

import io.forewarn.alerts.auth.AuthRoutes;
import io.forewarn.alerts.auth.LoginRateLimiter;
import io.forewarn.alerts.auth.TokenIssuer;
import io.forewarn.alerts.auth.WriteRateLimiter;
import io.forewarn.alerts.bookings.BookingRoutes;
import io.forewarn.alerts.customers.CustomerRoutes;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.deadletters.DeadLetterRoutes;
import io.forewarn.alerts.devices.DeviceQueries;
import io.forewarn.alerts.devices.DeviceRoutes;
import io.forewarn.alerts.devices.TelemetryRoutes;
import io.forewarn.alerts.http.ContractMediaTypes;
import io.forewarn.alerts.http.Problems;
import io.forewarn.alerts.http.SystemRoutes;
import io.forewarn.alerts.kpis.KpiRoutes;
import io.forewarn.alerts.live.LiveConfig;
import io.forewarn.alerts.live.LiveEvents;
import io.forewarn.alerts.live.LiveRoutes;
import io.forewarn.alerts.metrics.ApiMetrics;
import io.forewarn.alerts.notifications.DeliveryRoutes;
import io.forewarn.alerts.notifications.Notifications;
import io.forewarn.alerts.notifications.NotificationsConfig;
import io.forewarn.alerts.predictions.PredictionRoutes;
import io.forewarn.alerts.reminders.ReminderRoutes;
import io.forewarn.alerts.surveys.SurveyRoutes;
import io.forewarn.alerts.technicians.TechnicianRoutes;
import io.forewarn.alerts.tickets.SlaClock;
import io.forewarn.alerts.tickets.SlaMonitor;
import io.forewarn.alerts.tickets.TicketEvents;
import io.forewarn.alerts.tickets.TicketQueries;
import io.forewarn.alerts.tickets.TicketRoutes;
import io.forewarn.alerts.tickets.TicketWorkflow;
import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.alerts.timeseries.TimeSeriesReader;
import io.forewarn.alerts.web.WebApp;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.ServiceSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Forewarn REST API: predictions, tickets, reminders, devices and dead letters over HTTP, routed and
 * validated by the OpenAPI contract {@value #CONTRACT}.
 */
public final class AlertsApi {
    /** The contract, on the classpath; also served at {@code GET /openapi.yaml}. */
    public static final String CONTRACT = "openapi/forewarn-api.yaml";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AlertsApi.class);

    private final HttpServer server;
    private final Database database;
    private final SlaMonitor slaMonitor;
    /** Customer notifications: the outbox worker and what follows a resolved ticket; set once listening. */
    private Notifications notifications;
    /** Live updates: the event streams and the change feed behind them; set once listening. */
    private LiveEvents live;

    private AlertsApi(HttpServer server, Database database, SlaMonitor slaMonitor) {
        this.server = server;
        this.database = database;
        this.slaMonitor = slaMonitor;
    }

    /** Migrates the schema, loads the contract and starts listening; completes once the port is bound. */
    public static Future<AlertsApi> start(Vertx vertx, AlertsApiConfig config, DataSource dataSource) {
        return start(vertx, config, dataSource, Clock.systemUTC());
    }

    /** As {@link #start(Vertx, AlertsApiConfig, DataSource)}, with the clock that SLA and warranty state use. */
    public static Future<AlertsApi> start(Vertx vertx, AlertsApiConfig config, DataSource dataSource, Clock clock) {
        return start(vertx, config, dataSource, clock, WorkflowConfig.fromEnv());
    }

    /** As {@link #start(Vertx, AlertsApiConfig, DataSource, Clock)}, with the ticket workflow's settings. */
    public static Future<AlertsApi> start(Vertx vertx, AlertsApiConfig config, DataSource dataSource, Clock clock,
            WorkflowConfig workflow) {
        return start(vertx, config, dataSource, clock, workflow, NotificationsConfig.fromEnv());
    }

    /**
     * As {@link #start(Vertx, AlertsApiConfig, DataSource, Clock, WorkflowConfig)}, with customer notifications as
     * {@code notificationsConfig} says (off when it configures no channel) instead of from the environment.
     */
    public static Future<AlertsApi> start(Vertx vertx, AlertsApiConfig config, DataSource dataSource, Clock clock,
            WorkflowConfig workflow, NotificationsConfig notificationsConfig) {
        return start(vertx, config, dataSource, clock, workflow, notificationsConfig, null);
    }

    /** The OpenAPI document the API serves and validates requests against, with its media types. */
    public static Future<OpenAPIContract> contract(Vertx vertx) {
        return OpenAPIContract.builder(vertx)
                .setContractPath(CONTRACT)
                .mediaTypeRegistry(ContractMediaTypes.registry())
                .build();
    }

    /**
     * As {@link #start(Vertx, AlertsApiConfig, DataSource, Clock, WorkflowConfig, NotificationsConfig)}, with the
     * time-series store that {@code GET /api/v1/devices/{deviceId}/telemetry} reads (null: none, and that endpoint
     * answers 503). The reader stays the caller's to close.
     */
    public static Future<AlertsApi> start(Vertx vertx, AlertsApiConfig config, DataSource dataSource, Clock clock,
            WorkflowConfig workflow, NotificationsConfig notificationsConfig, TimeSeriesReader telemetry) {
        Database database = new Database(vertx, dataSource);
        LiveEvents live = new LiveEvents(vertx, database, LiveConfig.fromEnv());
        Notifications notifications = Notifications.create(vertx, database, notificationsConfig, clock);
        SlaClock slaClock = new SlaClock(clock);
        SlaMonitor slaMonitor = new SlaMonitor(vertx, database, slaClock, workflow.slaCheckInterval());
        TokenIssuer tokens = new TokenIssuer(vertx, secretOf(config), config.tokenTtl());
        return database.blocking(() -> {
                    ServiceSchema.migrate(dataSource);
                    return readContract();
                })
                .compose(yaml -> contract(vertx)
                        .map(contract -> {
                    // The body handler reads (and bounds) the body; the validator then takes it from there.
                    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
                    ApiMetrics metrics = new ApiMetrics(contract, database);
                    builder.rootHandler(metrics.timing());
                    builder.rootHandler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
                    builder.security("bearerAuth").httpHandler(JWTAuthHandler.create(tokens.verifier()));
                    // Before any handler is mounted, so the limit runs first on every write.
                    new WriteRateLimiter(workflow.writesPerMinute()).applyTo(builder);
                    metrics.mount(builder);
                    new SystemRoutes(database, yaml).mount(builder);
                    new AuthRoutes(database, tokens, new LoginRateLimiter(config.loginAttemptsPerMinute())).mount(builder);
                    new PredictionRoutes(database).mount(builder);
                    TicketQueries tickets = new TicketQueries(slaClock);
                    new TicketRoutes(database, tickets, new TicketWorkflow(tickets, ProductCatalog.load()),
                            new TicketEvents(vertx.eventBus())).mount(builder);
                    new TechnicianRoutes(database, tickets).mount(builder);
                    new SurveyRoutes(database, clock).mount(builder);
                    new KpiRoutes(database, clock).mount(builder);
                    new ReminderRoutes(database, clock).mount(builder);
                    new BookingRoutes(database, clock, vertx.eventBus()).mount(builder);
                    new DeliveryRoutes(database).mount(builder);
                    new CustomerRoutes(database).mount(builder);
                    new DeviceRoutes(database, new DeviceQueries(clock)).mount(builder);
                    new TelemetryRoutes(database, new DeviceQueries(clock), telemetry, ProductCatalog.load(), clock)
                            .mount(builder);
                    new LiveRoutes(live, tokens).mount(builder);
                    new DeadLetterRoutes(database).mount(builder);
                    return withProblems(WebApp.mount(builder.createRouter()));
                }))
                .compose(router -> vertx.createHttpServer(new HttpServerOptions()
                                .setHost(config.httpHost())
                                .setPort(config.httpPort()))
                        .requestHandler(router)
                        .listen())
                .map(server -> {
                    LOG.info("alerts API listening on http://{}:{}", config.httpHost(), server.actualPort());
                    slaMonitor.start();
                    AlertsApi api = new AlertsApi(server, database, slaMonitor);
                    api.live = live;
                    // Started once listening: the schema the outbox needs is migrated by now.
                    api.notifications = notifications.start();
                    return api;
                })
                .recover(failure -> live.close().eventually(notifications::close).eventually(database::close)
                        .transform(ignored -> Future.failedFuture(failure)));
    }

    /** The bound port (the real one when the configuration asked for 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops accepting requests and releases the worker pool; the data source stays the caller's. */
    public Future<Void> close() {
        slaMonitor.stop();
        if (live != null) {
            live.close();  // ends the open event streams, which would otherwise hold the server's close up
        }
        return server.close()
                .eventually(() -> notifications == null ? Future.succeededFuture() : notifications.close())
                .eventually(database::close);
    }

    private static Router withProblems(Router router) {
        router.route().failureHandler(Problems.failureHandler());
        router.errorHandler(404, Problems.statusHandler(404));
        router.errorHandler(405, Problems.statusHandler(405));
        return router;
    }

    private static String secretOf(AlertsApiConfig config) {
        if (config.jwtSecret() != null) {
            return config.jwtSecret();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        LOG.warn("FOREWARN_API_JWT_SECRET is not set: signing tokens with a random secret,"
                + " so tokens stop working when the API restarts");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String readContract() {
        try (InputStream in = AlertsApi.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONTRACT, e);
        }
    }
}
