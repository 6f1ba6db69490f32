package io.forewarn.launcher.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.alerts.AlertsApi;
import io.forewarn.alerts.AlertsApiConfig;
import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.auth.UserAccounts;
import io.forewarn.alerts.notifications.NotificationsConfig;
import io.forewarn.alerts.tickets.WorkflowConfig;
import io.forewarn.alerts.timeseries.QuestDbTimeSeriesReader;
import io.forewarn.alerts.timeseries.TimeSeriesReadConfig;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.ServiceSchema;
import io.forewarn.launcher.embedded.EmbeddedServiceDatabase;
import io.forewarn.launcher.embedded.EmbeddedTimeSeriesStore;
import io.forewarn.simulator.fleet.SimulatedDevice;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * {@code ./forewarn bench api}: latency and throughput of the API's two heaviest reads under many concurrent users.
 * Stores what the demo stores (embedded PostgreSQL with every migration, embedded QuestDB with the reader's schema),
 * seeds a fleet, tickets and a week of telemetry ({@link ApiDataset}), starts the real {@link AlertsApi} over HTTP,
 * logs in as a planner and a customer through {@code POST /api/v1/auth/token}, and then runs a closed loop of
 * concurrent clients ({@link ApiLoad}) against each read in turn: the ticket list, paged by cursor with a mix of
 * filters, and a device's telemetry history. A last phase runs the same ticket clients against a bare HTTP server
 * answering a real page at once: the ceiling of the client and the loopback on this machine, so the API's figures can
 * be told apart from the client's own limits.
 */
public final class ApiBenchmark {
    private static final int POOL_SIZE = 8;

    private ApiBenchmark() {}

    /** How many clients for how long, and how much data. */
    public record Options(int clients, Duration warmUp, Duration measured, int devices, int tickets, int telemetryDevices,
            Duration telemetrySpan, boolean withoutReadIndexes, long seed, String only) {
        public Options {
            if (clients < 1 || warmUp.isNegative() || measured.isNegative() || measured.isZero()) {
                throw new IllegalArgumentException("at least one client and a measured window longer than zero");
            }
            if (only != null && !PHASES.contains(only)) {
                throw new IllegalArgumentException("--only takes one of " + PHASES + ", was " + only);
            }
            new ApiDataset.Size(devices, tickets, telemetryDevices, telemetrySpan); // checks the sizes
        }

        /** 200 clients, 5 s warm-up and 30 s measured per phase; 2,000 devices, 20,000 tickets, 100 devices x 7 days. */
        public static Options defaults() {
            return new Options(200, Duration.ofSeconds(5), Duration.ofSeconds(30), 2_000, 20_000, 100, Duration.ofDays(7),
                    false, 42, null);
        }

        boolean runs(String phase) {
            return only == null || only.equals(phase);
        }

        ApiDataset.Size size() {
            return new ApiDataset.Size(devices, tickets, telemetryDevices, telemetrySpan);
        }
    }

    /** Every phase's figures, in the order they ran; the last is the client's ceiling against a bare server. */
    public record Result(List<ApiLoad.Result> phases) {
        ApiLoad.Result phase(String name) {
            return phases.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no phase " + name));
        }
    }

    static final String TICKETS = "tickets";
    static final String HISTORY_WEEK = "week-PT1H";
    static final String HISTORY_DAY = "day-PT1M";
    static final String CEILING = "ceiling";
    static final List<String> PHASES = List.of(TICKETS, HISTORY_WEEK, HISTORY_DAY, CEILING);

    static final String USAGE = """
            usage: ./forewarn bench api [--clients N] [--seconds N] [--warmup N] [--devices N] [--tickets N]
                                        [--telemetry-devices N] [--without-read-indexes] [--only PHASE]
              --clients N            concurrent clients, each with one request in flight (default 200)
              --seconds N            measured seconds per phase (default 30)
              --warmup N             warm-up seconds per phase, not measured (default 5)
              --devices N            devices registered (default 2000)
              --tickets N            tickets stored, each with its prediction (default 20000)
              --telemetry-devices N  devices with a week of one-minute telemetry (default 100)
              --without-read-indexes drops the indexes of migration V7 first, to measure what they change
              --only PHASE           runs one phase: tickets, week-PT1H, day-PT1M or ceiling (default all)
            """;

    /** {@code ./forewarn bench api}: the options from {@code args}. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options d = Options.defaults();
        int clients = d.clients();
        int seconds = (int) d.measured().toSeconds();
        int warmUp = (int) d.warmUp().toSeconds();
        int devices = d.devices();
        int tickets = d.tickets();
        int telemetryDevices = d.telemetryDevices();
        boolean withoutIndexes = false;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                out.print(USAGE);
                return 0;
            }
            if (flag.equals("--without-read-indexes")) {
                withoutIndexes = true;
                continue;
            }
            if (i + 1 >= args.length) {
                err.print("missing value for " + flag + "\n" + USAGE);
                return 2;
            }
            if (flag.equals("--only")) {
                only = args[++i];
                continue;
            }
            int value;
            try {
                value = Integer.parseInt(args[++i]);
            } catch (NumberFormatException e) {
                err.print(flag + " needs a whole number, was '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            switch (flag) {
                case "--clients" -> clients = value;
                case "--seconds" -> seconds = value;
                case "--warmup" -> warmUp = value;
                case "--devices" -> devices = value;
                case "--tickets" -> tickets = value;
                case "--telemetry-devices" -> telemetryDevices = value;
                default -> {
                    err.print("unknown option: " + flag + "\n" + USAGE);
                    return 2;
                }
            }
        }
        Options options;
        try {
            options = new Options(clients, Duration.ofSeconds(warmUp), Duration.ofSeconds(seconds), devices, tickets,
                    telemetryDevices, d.telemetrySpan(), withoutIndexes, d.seed(), only);
        } catch (IllegalArgumentException e) {
            err.print(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Result result = run(options, out);
        return result.phases().stream().anyMatch(p -> p.errorCount() > 0) ? 1 : 0;
    }

    /** Stores the data, starts the API and runs every phase, printing progress and then the figures to {@code out}. */
    public static Result run(Options options, PrintStream out) throws Exception {
        Progress progress = new Progress(out);
        ProductCatalog catalog = ProductCatalog.load();
        ApiDataset dataset = ApiDataset.create(options.size(), options.seed());
        progress.say(String.format(Locale.ROOT, "API benchmark: %,d clients; %,d devices, %,d tickets, %,d devices with %d days"
                        + " of one-minute telemetry%s", options.clients(), options.devices(), options.tickets(),
                options.telemetryDevices(), options.telemetrySpan().toDays(),
                options.withoutReadIndexes() ? "; WITHOUT the read indexes of V7" : ""));
        try (ScratchDirectory root = ScratchDirectory.create("forewarn-bench-api")) {
            try (EmbeddedServiceDatabase postgres = EmbeddedServiceDatabase.start(root.path().resolve("postgres"), 0);
                 EmbeddedTimeSeriesStore questDb = EmbeddedTimeSeriesStore.start(root.path().resolve("questdb"), 0, 0);
                 HikariDataSource dataSource = pool(postgres);
                 QuestDbTimeSeriesReader telemetry = new QuestDbTimeSeriesReader(TimeSeriesReadConfig.questDb(questDb.jdbcUrl()))) {
                ServiceSchema.migrate(dataSource);
                if (options.withoutReadIndexes()) {
                    ReadPlans.dropReadIndexes(dataSource);
                }
                dataset.storeServiceRecords(dataSource, options.seed(), progress);
                ReadPlans.analyze(dataSource);
                telemetry.ensureSchema(catalog);
                long rows = dataset.storeTelemetry(questDb, options.seed(), progress);
                HistoryReadBenchmark.awaitStored(questDb, rows, progress);
                String plannerPassword = UUID.randomUUID().toString();
                String customerPassword = UUID.randomUUID().toString();
                UserAccounts.create(dataSource, "bench-planner", plannerPassword, Role.PLANNER, null, null);
                SimulatedDevice customersDevice = dataset.telemetryDevices().get(0);
                UserAccounts.create(dataSource, "bench-customer", customerPassword, Role.CUSTOMER,
                        customersDevice.profile().customerId(), null);
                List<String> plans = ReadPlans.explain(dataSource, customersDevice.profile().customerId());

                Vertx server = Vertx.vertx();
                Vertx client = Vertx.vertx();
                try {
                    AlertsApiConfig config = AlertsApiConfig.defaults(0).withJwtSecret(UUID.randomUUID() + "-" + UUID.randomUUID());
                    AlertsApi api = AlertsApi.start(server, config, dataSource, Clock.systemUTC(), WorkflowConfig.fromEnv(Map.of()),
                            NotificationsConfig.fromEnv(Map.of()), telemetry).await(60, TimeUnit.SECONDS);
                    try {
                        progress.say("  alerts API on http://127.0.0.1:" + api.port() + "; logging in");
                        double loadBefore = loadAverage();
                        Result result = measure(options, dataset, client, server, api.port(), plannerPassword, customerPassword,
                                progress);
                        report(out, options, result, plans, loadBefore);
                        return result;
                    } finally {
                        api.close().await(30, TimeUnit.SECONDS);
                    }
                } finally {
                    client.close().await(30, TimeUnit.SECONDS);
                    server.close().await(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Result measure(Options options, ApiDataset dataset, Vertx client, Vertx server, int apiPort,
            String plannerPassword, String customerPassword, Progress progress) throws Exception {
        ApiLoad api = load(client, apiPort, options.clients());
        HttpClient control = client.createHttpClient(); // logins and the ceiling's page, outside the measured pool
        try {
            String planner = login(control, apiPort, "bench-planner", plannerPassword);
            String customer = login(control, apiPort, "bench-customer", customerPassword);
            List<String> filters = filters(dataset);
            // One client in ten is the customer, reading their own tickets; the rest are planners.
            IntFunction<ApiLoad.Client> browsing = i -> new TicketBrowsing(i % 10 == 9 ? customer : planner,
                    i % 10 == 9 ? List.of("") : filters, new SplittableRandom(options.seed() + i));
            List<ApiLoad.Result> phases = new ArrayList<>();
            if (options.runs(TICKETS)) {
                phases.add(api.run(TICKETS, options.clients(), browsing, options.warmUp(), options.measured(), progress));
            }
            List<String> devices = dataset.telemetryDevices().stream().map(SimulatedDevice::deviceId).toList();
            Instant end = dataset.end();
            if (options.runs(HISTORY_WEEK)) {
                IntFunction<ApiLoad.Client> charts = i -> new HistoryReading(planner, devices, end.minus(Duration.ofDays(7)),
                        end, "PT1H", new SplittableRandom(options.seed() + i));
                phases.add(api.run(HISTORY_WEEK, options.clients(), charts, options.warmUp(), options.measured(), progress));
            }
            if (options.runs(HISTORY_DAY)) {
                IntFunction<ApiLoad.Client> charts = i -> new HistoryReading(planner, devices, end.minus(Duration.ofDays(1)),
                        end, "PT1M", new SplittableRandom(options.seed() + i));
                phases.add(api.run(HISTORY_DAY, options.clients(), charts, options.warmUp(), options.measured(), progress));
            }
            if (options.runs(CEILING)) {
                phases.add(ceiling(client, control, server, options, planner, browsing, apiPort, progress));
            }
            return new Result(phases);
        } finally {
            api.close().await(30, TimeUnit.SECONDS);
            control.close().await(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The same ticket clients against a bare Vert.x server (on the API's Vert.x instance) that answers every request
     * at once with a real first page of tickets: how many requests a second the client side and the loopback manage
     * here, with nothing behind them.
     */
    private static ApiLoad.Result ceiling(Vertx client, HttpClient control, Vertx server, Options options, String planner,
            IntFunction<ApiLoad.Client> browsing, int apiPort, Progress progress) throws Exception {
        Buffer page = control.request(HttpMethod.GET, apiPort, "127.0.0.1", "/api/v1/tickets?limit=50")
                .compose(r -> r.putHeader("Authorization", "Bearer " + planner).send())
                .compose(r -> r.body())
                .await(30, TimeUnit.SECONDS);
        HttpServer bare = server.createHttpServer()
                .requestHandler(request -> request.response().putHeader("content-type", "application/json").end(page))
                .listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
        ApiLoad load = load(client, bare.actualPort(), options.clients());
        try {
            return load.run(CEILING, options.clients(), browsing, options.warmUp(), options.measured(), progress);
        } finally {
            load.close().await(30, TimeUnit.SECONDS);
            bare.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static ApiLoad load(Vertx vertx, int port, int clients) {
        // One connection per client, kept alive; the pool spreads them over the client's event loops.
        return new ApiLoad(vertx, vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(clients)));
    }

    private static String login(HttpClient http, int port, String username, String password) throws Exception {
        JsonObject answer = http.request(HttpMethod.POST, port, "127.0.0.1", "/api/v1/auth/token")
                .compose(r -> r.putHeader("content-type", "application/json")
                        .send(new JsonObject().put("username", username).put("password", password).encode()))
                .compose(r -> r.body().map(body -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("login of " + username + " answered " + r.statusCode() + ": " + body);
                    }
                    return body.toJsonObject();
                }))
                .await(30, TimeUnit.SECONDS);
        return answer.getString("token");
    }

    /** The ticket list's filters a planner uses, one chosen per browsing session; "" is the unfiltered list. */
    private static List<String> filters(ApiDataset dataset) {
        String model = dataset.fleet().devices().get(0).model().id();
        String lastWeek = URLEncoder.encode(dataset.end().minus(Duration.ofDays(7)).toString(), StandardCharsets.UTF_8);
        return List.of("", "", "&status=OPEN", "&status=IN_PROGRESS", "&status=RESOLVED", "&priority=URGENT",
                "&status=OPEN&priority=HIGH", "&region=north", "&productModel=" + model, "&slaState=BREACHED",
                "&openedFrom=" + lastWeek);
    }

    private static HikariDataSource pool(EmbeddedServiceDatabase postgres) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(postgres.jdbcUrl());
        hikari.setUsername(postgres.user());
        hikari.setMaximumPoolSize(POOL_SIZE); // as the demo: the API's worker pool has as many threads
        hikari.setPoolName("forewarn-bench-api");
        return new HikariDataSource(hikari);
    }

    private static void report(PrintStream out, Options options, Result result, List<String> plans, double loadBefore) {
        out.printf(Locale.ROOT, "%nAlerts API under %d concurrent clients (each phase %d s warm-up, %d s measured;"
                        + " machine load average %.1f before the phases, %.1f after):%n", options.clients(),
                options.warmUp().toSeconds(), options.measured().toSeconds(), loadBefore, loadAverage());
        out.printf(Locale.ROOT, "  %-10s %9s %7s %8s %9s %9s %9s %9s %9s %8s %8s%n", "phase", "requests", "errors", "req/s",
                "p50", "p90", "p99", "max", "bytes", "inflight", "cpu/req");
        for (ApiLoad.Result phase : result.phases()) {
            LatencyHistogram l = phase.latencies();
            out.printf(Locale.ROOT, "  %-10s %,9d %7d %,8.0f %9s %9s %9s %9s %,9d %8d %5.2f ms%n", phase.name(), phase.requests(),
                    phase.errorCount(), phase.perSecond(), millis(l.percentile(50)), millis(l.percentile(90)),
                    millis(l.percentile(99)), millis(l.max()), phase.meanBytes(), phase.maxInFlight(),
                    phase.cpuMillisPerRequest());
            phase.errors().forEach((kind, count) -> out.printf(Locale.ROOT, "      %,d x %s%n", count, kind));
        }
        out.println("""
                  tickets:   GET /api/v1/tickets?limit=50, a mix of filters, up to 5 pages by cursor; 1 client in 10 a customer
                  week-PT1H: GET /api/v1/devices/{id}/telemetry, one device-week at one-hour resolution, random device
                  day-PT1M:  the same, one device-day at one-minute resolution (a week at one minute is over the API's
                             2,000-bucket limit)
                  ceiling:   the ticket clients against a bare server answering a real page at once (client and loopback
                             limit on this machine)
                  bytes: mean answer size; cpu/req: CPU time of this JVM (API, QuestDB, clients; not PostgreSQL) per
                  request""");
        out.println("PostgreSQL's plans (EXPLAIN ANALYZE, before the load):");
        plans.forEach(line -> out.println("  " + line));
    }

    /** The machine's one-minute load average: other processes' share of the cores shows in every latency here. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String millis(Duration latency) {
        return String.format(Locale.ROOT, "%.1f ms", latency.toNanos() / 1e6);
    }
}
