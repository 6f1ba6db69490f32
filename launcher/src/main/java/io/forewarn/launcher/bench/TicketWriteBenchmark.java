package io.forewarn.launcher.bench;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.CustomerReminder;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.EstimateMethod;
import io.forewarn.contracts.service.EvidenceKind;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.Priority;
import io.forewarn.contracts.service.ServiceSchema;
import io.forewarn.jobs.decisions.ServiceRecord;
import io.forewarn.jobs.sinks.JdbcSettings;
import io.forewarn.jobs.sinks.ServiceRecordSink;
import io.forewarn.launcher.demo.FleetRegistration;
import io.forewarn.launcher.embedded.EmbeddedServiceDatabase;
import io.forewarn.simulator.fleet.DeviceProfile;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Ticket, prediction and reminder writes per second through the idempotent path the job takes: {@link
 * ServiceRecordSink} in a local Flink job, its input keyed by device as the job's decisions are, into an embedded
 * PostgreSQL with the real schema (every migration) and a registered fleet. Per device the stream says what the
 * job would: a prediction, the ticket it opens, the customer's reminder, a later prediction, and the ticket's
 * escalation. Then the same records once more, as a job restored from a checkpoint replays them: the rate of that
 * replay, and proof that it changed nothing (each table's row count and an MD5 of all its rows, before and after).
 */
public final class TicketWriteBenchmark {
    /** The tables the sink writes (the audit trail is {@code ticket_events}), each with the key its rows are ordered by. */
    private static final List<Table> TABLES = List.of(new Table("predictions", "prediction_id"), new Table("tickets", "ticket_id"),
            new Table("ticket_events", "event_id"), new Table("reminders", "reminder_id"));
    private static final Instant T0 = Instant.parse("2026-02-02T08:00:00Z");
    /** The job's own batch size for service records. */
    private static final int BATCH = 100;

    /** Devices with a prediction, ticket, reminder, second prediction and escalation each; the job's parallelism. */
    public record Options(int devices, int parallelism) {
        public Options {
            if (devices < 1 || parallelism < 1) {
                throw new IllegalArgumentException("at least one device and a parallelism of 1");
            }
        }

        /** 20,000 devices (100,000 records), parallelism 2 as the job's default. */
        public static Options defaults() {
            return new Options(20_000, 2);
        }
    }

    /** One table's row count and the MD5 of its rows in key order. */
    public record TableState(long rows, String md5) {}

    /** Both rates in records per second, and every table before and after the replay. */
    public record Result(long records, double firstRate, double replayRate, Map<String, TableState> afterFirst,
            Map<String, TableState> afterReplay) {
        public boolean replayChangedNothing() {
            return afterFirst.equals(afterReplay);
        }
    }

    private final Options options;
    private final Progress progress;

    private TicketWriteBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = new Progress(progress);
    }

    /** Runs both passes, printing progress and then the figures to {@code out}. */
    public static Result run(Options options, PrintStream out) throws Exception {
        Result result = new TicketWriteBenchmark(options, out).measure();
        out.printf(Locale.ROOT, "%nService records through ServiceRecordSink (parallelism %d, batch %d) into an embedded PostgreSQL:%n",
                options.parallelism(), BATCH);
        out.printf(Locale.ROOT, "  first write   %,9d records  %,8.0f records/s%n", result.records(), result.firstRate());
        out.printf(Locale.ROOT, "  replay        %,9d records  %,8.0f records/s%n", result.records(), result.replayRate());
        out.printf(Locale.ROOT, "  %-14s %10s  %-32s  %s%n", "table", "rows", "md5 after the first write", "after the replay");
        for (Table table : TABLES) {
            TableState first = result.afterFirst().get(table.name());
            TableState replay = result.afterReplay().get(table.name());
            out.printf(Locale.ROOT, "  %-14s %,10d  %-32s  %s%n", table.name(), first.rows(), first.md5(),
                    first.equals(replay) ? "same" : "CHANGED: " + replay.rows() + " rows, " + replay.md5());
        }
        out.println(result.replayChangedNothing() ? "  the replay changed no row" : "  THE REPLAY CHANGED ROWS");
        return result;
    }

    private Result measure() throws Exception {
        progress.say(String.format(Locale.ROOT, "service records: %,d devices, 5 records each", options.devices()));
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDegradingDevices(0)
                .withDevices(options.devices()).withStart(T0));
        List<ServiceRecord> records = records(fleet);
        try (ScratchDirectory root = ScratchDirectory.create("forewarn-bench-tickets")) {
            try (EmbeddedServiceDatabase postgres = EmbeddedServiceDatabase.start(root.path().resolve("postgres"), 0);
                 PreGenerated<ServiceRecord> loaded = PreGenerated.load("service-records", records)) {
                DataSource dataSource = postgres.dataSource();
                ServiceSchema.migrate(dataSource);
                FleetRegistration.register(dataSource, fleet);
                JdbcSettings jdbc = new JdbcSettings(postgres.jdbcUrl(), postgres.user(), "");

                progress.say("  first write");
                double firstRate = write(loaded, jdbc, dataSource);
                Map<String, TableState> afterFirst = tables(dataSource);
                progress.say("  replay of the same records");
                double replayRate = write(loaded, jdbc, dataSource);
                return new Result(records.size(), firstRate, replayRate, afterFirst, tables(dataSource));
            }
        }
    }

    /** Per device, in the order the job's decisions emit them; the rows refer to the fleet's registered customers. */
    private List<ServiceRecord> records(Fleet fleet) {
        List<ServiceRecord> records = new ArrayList<>(options.devices() * 5);
        int n = 0;
        for (SimulatedDevice device : fleet.devices()) {
            ProductModel model = device.model();
            FailureMode mode = model.failureModes().get(0);
            DeviceProfile profile = device.profile();
            Instant detected = T0.plus(Duration.ofMinutes(n % 1_440));
            PredictedFailure first = prediction(profile, mode, detected, Duration.ofDays(5), 1);
            MaintenanceTicket opened = ticket(profile, mode, first, Priority.NORMAL, detected, detected);
            PredictedFailure second = prediction(profile, mode, detected.plus(Duration.ofDays(1)), Duration.ofHours(40), 2);
            MaintenanceTicket escalated = ticket(profile, mode, second, Priority.HIGH, detected, second.detectedAt());
            records.add(ServiceRecord.of(first));
            records.add(ServiceRecord.of(opened));
            records.add(ServiceRecord.of(reminder(profile, mode, opened)));
            records.add(ServiceRecord.of(second));
            records.add(ServiceRecord.of(escalated));
            if (++n % 5_000 == 0 || n == options.devices()) {
                progress.update("generated", n, options.devices());
            }
        }
        progress.done(String.format(Locale.ROOT, "%,d records", records.size()));
        return records;
    }

    private static PredictedFailure prediction(DeviceProfile device, FailureMode mode, Instant detected, Duration toFailure, int nth) {
        return new PredictedFailure(PredictedFailure.SCHEMA_VERSION, DeterministicIds.of("prediction", device.deviceId(), mode.id(), nth),
                device.deviceId(), device.productModel(), mode.id(), detected, detected.plus(toFailure), 0.82, 0.41, 0.74, 0.62,
                device.productModel() + "/v1", EstimateMethod.TREND_EXTRAPOLATION,
                List.of(new PredictedFailure.Evidence("vibration_rms", "mm/s", 6.1, 2.4, 4.2, EvidenceKind.PRODUCT_MODEL)), null);
    }

    private static MaintenanceTicket ticket(DeviceProfile device, FailureMode mode, PredictedFailure by, Priority priority,
            Instant openedAt, Instant decidedAt) {
        return new MaintenanceTicket(MaintenanceTicket.SCHEMA_VERSION, DeterministicIds.of("ticket", device.deviceId(), mode.id(), 1),
                MaintenanceTicket.KIND_PREDICTED_FAILURE, device.deviceId(), device.productModel(), mode.id(), by.predictionId(),
                priority, "OPEN", openedAt, decidedAt.plus(priority.firstResponse()), by.estimatedFailureAt(),
                device.underWarranty(openedAt.atZone(ZoneOffset.UTC).toLocalDate()) ? "FREE" : "PAID",
                mode.requiredSkill(), mode.technicianActions(), mode.name().en() + " predicted");
    }

    private static CustomerReminder reminder(DeviceProfile device, FailureMode mode, MaintenanceTicket ticket) {
        String language = device.language();
        return new CustomerReminder(CustomerReminder.SCHEMA_VERSION, DeterministicIds.of("reminder", ticket.ticketId()),
                ticket.ticketId(), device.deviceId(), device.customerId(), language, "EMAIL", "QUEUED", ticket.openedAt(),
                mode.name().in(language), mode.whatWeFound().in(language), mode.whyItMatters().in(language),
                mode.customerAdvice().in(language), "https://service.example/book?ticket=" + ticket.ticketId());
    }

    /** One pass of every record through the sink's job; records per second from the first record to the job's end. */
    private double write(PreGenerated<ServiceRecord> records, JdbcSettings jdbc, DataSource dataSource) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), new Configuration());
        env.enableCheckpointing(TimeUnit.SECONDS.toMillis(10));
        env.fromSource(records.source(ServiceRecord.class), WatermarkStrategy.noWatermarks(), "pre-generated-records")
                .setParallelism(1) // in order, as the decisions emit each device's records
                .keyBy(TicketWriteBenchmark::deviceOf)
                .sinkTo(new ServiceRecordSink(jdbc, BATCH)).name("service-records-to-postgres");
        records.rewind();
        CompletableFuture<JobExecutionResult> finished = env.executeAsync("bench-service-records").getJobExecutionResult();
        while (!finished.isDone()) {
            progress.update("tickets", count(dataSource, "tickets"), options.devices());
            Thread.sleep(500);
        }
        finished.get();
        double seconds = (System.nanoTime() - records.firstEmittedNanos()) / 1e9;
        double rate = records.size() / seconds;
        progress.done(String.format(Locale.ROOT, "%,.0f records/s (%.1f s)", rate, seconds));
        return rate;
    }

    private record Table(String name, String key) {}

    private static String deviceOf(ServiceRecord record) {
        if (record.prediction() != null) return record.prediction().deviceId();
        if (record.ticket() != null) return record.ticket().deviceId();
        if (record.reminder() != null) return record.reminder().deviceId();
        return String.valueOf(record.deadLetter().deviceId());
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Every table the sink writes: row count and the MD5 of all its rows as text, in key order. */
    private static Map<String, TableState> tables(DataSource dataSource) throws SQLException {
        Map<String, TableState> states = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (Table table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY "
                        + table.key() + ")), '') FROM " + table.name() + " t")) {
                    rs.next();
                    states.put(table.name(), new TableState(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return states;
    }
}
