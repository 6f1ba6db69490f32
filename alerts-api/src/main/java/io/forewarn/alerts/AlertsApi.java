package io.forewarn.alerts;

import io.forewarn.alerts.auth.AuthRoutes;
import io.forewarn.alerts.auth.LoginRateLimiter;
import io.forewarn.alerts.auth.TokenIssuer;
import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.deadletters.DeadLetterRoutes;
import io.forewarn.alerts.devices.DeviceQueries;
import io.forewarn.alerts.devices.DeviceRoutes;
import io.forewarn.alerts.http.ContractMediaTypes;
import io.forewarn.alerts.http.Problems;
import io.forewarn.alerts.http.SystemRoutes;
import io.forewarn.alerts.predictions.PredictionRoutes;
import io.forewarn.alerts.reminders.ReminderRoutes;
import io.forewarn.alerts.tickets.SlaClock;
import io.forewarn.alerts.tickets.TicketQueries;
import io.forewarn.alerts.tickets.TicketRoutes;
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

    private AlertsApi(HttpServer server, Database database) {
        this.server = server;
        this.database = database;
    }

    /** Migrates the schema, loads the contract and starts listening; completes once the port is bound. */
    public static Future<AlertsApi> start(Vertx vertx, AlertsApiConfig config, DataSource dataSource) {
        return start(vertx, config, dataSource, Clock.systemUTC());
    }

    /** As {@link #start(Vertx, AlertsApiConfig, DataSource)}, with the clock that SLA and warranty state use. */
    public static Future<AlertsApi> start(Vertx vertx, AlertsApiConfig config, DataSource dataSource, Clock clock) {
        Database database = new Database(vertx, dataSource);
        TokenIssuer tokens = new TokenIssuer(vertx, secretOf(config), config.tokenTtl());
        return database.blocking(() -> {
                    ServiceSchema.migrate(dataSource);
                    return readContract();
                })
                .compose(yaml -> OpenAPIContract.builder(vertx)
                        .setContractPath(CONTRACT)
                        .mediaTypeRegistry(ContractMediaTypes.registry())
                        .build()
                        .map(contract -> {
                    // The body handler reads (and bounds) the body; the validator then takes it from there.
                    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
                    builder.rootHandler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
                    builder.security("bearerAuth").httpHandler(JWTAuthHandler.create(tokens.verifier()));
                    new SystemRoutes(database, yaml).mount(builder);
                    new AuthRoutes(database, tokens, new LoginRateLimiter(config.loginAttemptsPerMinute())).mount(builder);
                    new PredictionRoutes(database).mount(builder);
                    new TicketRoutes(database, new TicketQueries(new SlaClock(clock))).mount(builder);
                    new ReminderRoutes(database).mount(builder);
                    new DeviceRoutes(database, new DeviceQueries(clock)).mount(builder);
                    new DeadLetterRoutes(database).mount(builder);
                    return withProblems(builder.createRouter());
                }))
                .compose(router -> vertx.createHttpServer(new HttpServerOptions()
                                .setHost(config.httpHost())
                                .setPort(config.httpPort()))
                        .requestHandler(router)
                        .listen())
                .map(server -> {
                    LOG.info("alerts API listening on http://{}:{}", config.httpHost(), server.actualPort());
                    return new AlertsApi(server, database);
                })
                .recover(failure -> database.close().transform(ignored -> Future.failedFuture(failure)));
    }

    /** The bound port (the real one when the configuration asked for 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops accepting requests and releases the worker pool; the data source stays the caller's. */
    public Future<Void> close() {
        return server.close().eventually(database::close);
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
