package io.forewarn.alerts.metrics;

import io.forewarn.alerts.db.Database;
import io.forewarn.alerts.tickets.SlaClock;
import io.forewarn.alerts.tickets.TicketStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of the API at {@code GET /metrics}: requests by route template, method and status with a
 * latency histogram ({@code http_server_requests_seconds}), tickets by status ({@code forewarn_tickets}) and
 * recorded SLA breaches by clock ({@code forewarn_sla_breaches}); the last two are read from the database on each
 * scrape, so they are right whichever instance changed them.
 */
public final class ApiMetrics {
    /** Histogram buckets: the latencies a person notices, from a cached read to a slow report. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};
    /** Requests outside the contract are counted under one label, so unknown paths cannot grow the series. */
    static final String UNMATCHED = "unmatched";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OpenAPIContract contract;
    private final Database database;
    private final Map<TicketStatus, AtomicLong> tickets = new EnumMap<>(TicketStatus.class);
    private final Map<SlaClock.Kind, AtomicLong> breaches = new EnumMap<>(SlaClock.Kind.class);

    public ApiMetrics(OpenAPIContract contract, Database database) {
        this.contract = contract;
        this.database = database;
        for (TicketStatus status : TicketStatus.values()) {
            AtomicLong count = tickets.computeIfAbsent(status, s -> new AtomicLong());
            Gauge.builder("forewarn.tickets", count, AtomicLong::get)
                    .description("Tickets by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        for (SlaClock.Kind clock : SlaClock.Kind.values()) {
            AtomicLong count = breaches.computeIfAbsent(clock, c -> new AtomicLong());
            Gauge.builder("forewarn.sla.breaches", count, AtomicLong::get)
                    .description("SLA promises recorded as broken, by clock")
                    .tag("clock", clock.name())
                    .register(registry);
        }
    }

    /**
     * A root handler that times every request until its response ends. It is a platform handler, so it runs before
     * the body handler and also sees requests that the body handler refuses.
     */
    public PlatformHandler timing() {
        return rc -> {
            long start = System.nanoTime();
            String method = rc.request().method().name();
            Path path = contract.findPath(rc.request().path());
            String route = path == null ? UNMATCHED : path.getName();
            rc.addEndHandler(done -> Timer.builder("http.server.requests")
                    .description("HTTP requests by route template, method and status")
                    .tags("method", method, "route", route, "status", String.valueOf(rc.response().getStatusCode()))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - start)));
            rc.next();
        };
    }

    public void mount(RouterBuilder builder) {
        builder.getRoute("getMetrics").addHandler(this::scrape);
    }

    private void scrape(RoutingContext rc) {
        database.query(this::refresh)
                .onSuccess(done -> rc.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(registry.scrape()))
                .onFailure(rc::fail);
    }

    private Void refresh(Connection connection) throws SQLException {
        Map<TicketStatus, Long> byStatus = new EnumMap<>(TicketStatus.class);
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT status, count(*) AS n FROM tickets GROUP BY status");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                byStatus.put(TicketStatus.fromWire(rs.getString("status")), rs.getLong("n"));
            }
        }
        tickets.forEach((status, count) -> count.set(byStatus.getOrDefault(status, 0L)));
        Map<SlaClock.Kind, Long> byClock = new EnumMap<>(SlaClock.Kind.class);
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT clock, count(*) AS n FROM sla_breaches GROUP BY clock");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                byClock.put(SlaClock.Kind.valueOf(rs.getString("clock")), rs.getLong("n"));
            }
        }
        breaches.forEach((clock, count) -> count.set(byClock.getOrDefault(clock, 0L)));
        return null;
    }
}
