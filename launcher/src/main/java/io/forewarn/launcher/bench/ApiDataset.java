package io.forewarn.launcher.bench;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.Priority;
import io.forewarn.launcher.demo.FleetRegistration;
import io.forewarn.launcher.embedded.EmbeddedTimeSeriesStore;
import io.forewarn.simulator.fleet.DeviceProfile;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * The service records and telemetry the API benchmark reads: a registered fleet (customers, devices, a technician
 * crew per region), tickets over every status and priority with the prediction behind each, and a week of
 * one-minute readings for some of the devices, written to QuestDB through the InfluxDB v2 write API as the job
 * writes them. Service records go in with bound-parameter SQL shaped as the job's sink writes them.
 */
final class ApiDataset {
    /** How much to store. */
    record Size(int devices, int tickets, int telemetryDevices, Duration telemetrySpan) {
        Size {
            if (devices < 1 || tickets < 0 || telemetryDevices < 1 || telemetryDevices > devices) {
                throw new IllegalArgumentException("at least one device, with telemetry for 1 to all of them; was " + devices
                        + " devices, " + tickets + " tickets, " + telemetryDevices + " with telemetry");
            }
        }
    }

    private static final int BATCH = 1_000;
    private static final Duration TICKETS_OVER = Duration.ofDays(90);
    private static final long READING_STEP_MILLIS = 60_000;
    private static final String[] OPEN_STATUSES = {"OPEN", "OPEN", "ASSIGNED", "IN_PROGRESS", "REOPENED", "RESOLVED"};
    private static final Priority[] PRIORITIES = {Priority.URGENT, Priority.HIGH, Priority.HIGH, Priority.NORMAL,
            Priority.NORMAL, Priority.NORMAL, Priority.LOW, Priority.LOW};

    private final Size size;
    private final Fleet fleet;
    /** The end of the stored telemetry, a whole hour: the history reads ask for the span before it. */
    private final Instant end;

    private ApiDataset(Size size, Fleet fleet, Instant end) {
        this.size = size;
        this.fleet = fleet;
        this.end = end;
    }

    static ApiDataset create(Size size, long seed) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Fleet fleet = Fleet.create(ProductCatalog.builtIn(), FleetConfig.defaults().withDegradingDevices(0)
                .withDevices(size.devices()).withSeed(seed).withStart(end.minus(TICKETS_OVER)));
        return new ApiDataset(size, fleet, end);
    }

    Fleet fleet() {
        return fleet;
    }

    Instant end() {
        return end;
    }

    /** The devices with telemetry: the first {@code telemetryDevices} of the fleet. */
    List<SimulatedDevice> telemetryDevices() {
        return fleet.devices().subList(0, size.telemetryDevices());
    }

    /** Registers the fleet and writes the tickets with their predictions; the schema must be migrated. */
    void storeServiceRecords(DataSource dataSource, long seed, Progress progress) throws SQLException {
        FleetRegistration.register(dataSource, fleet);
        SplittableRandom random = new SplittableRandom(seed);
        List<SimulatedDevice> devices = fleet.devices();
        try (Connection c = dataSource.getConnection();
             PreparedStatement prediction = c.prepareStatement("""
                     INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,
                         estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version,
                         estimate_method, evidence)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0.6, ?, 'TREND_EXTRAPOLATION', '[]'::jsonb)""");
             PreparedStatement ticket = c.prepareStatement("""
                     INSERT INTO tickets (ticket_id, kind, device_id, product_model, failure_mode, prediction_id, priority,
                         status, opened_at, first_response_due, predicted_failure_at, service_charge, required_skill,
                         technician_actions, summary, assigned_technician, updated_at, first_responded_at,
                         first_response_met, resolved_at, resolution_met, outcome)
                     VALUES (?, 'PREDICTED_FAILURE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]'::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            c.setAutoCommit(false);
            for (int n = 0; n < size.tickets(); n++) {
                // Ticket n is the (n / devices)-th of its device; each device's tickets cycle through its failure modes.
                SimulatedDevice device = devices.get(n % devices.size());
                int nth = n / devices.size();
                int perDevice = size.tickets() / devices.size() + (n % devices.size() < size.tickets() % devices.size() ? 1 : 0);
                List<FailureMode> modes = device.model().failureModes();
                FailureMode mode = modes.get(nth % modes.size());
                // A device has one unresolved ticket per failure mode at most: only its newest per mode may be open.
                boolean newestOfMode = nth >= perDevice - modes.size();
                String status = newestOfMode ? OPEN_STATUSES[random.nextInt(OPEN_STATUSES.length)]
                        : random.nextBoolean() ? "RESOLVED" : "CLOSED";
                Priority priority = PRIORITIES[random.nextInt(PRIORITIES.length)];
                Instant opened = end.minus(TICKETS_OVER).plusSeconds(random.nextLong(TICKETS_OVER.toSeconds()));
                addTicket(prediction, ticket, random, device.profile(), mode, nth, status, priority, opened);
                if ((n + 1) % BATCH == 0 || n + 1 == size.tickets()) {
                    prediction.executeBatch();
                    ticket.executeBatch();
                    c.commit();
                    progress.update("tickets", n + 1, size.tickets());
                }
            }
        }
        progress.done(String.format(Locale.ROOT, "%,d devices of %,d customers, %,d tickets with their predictions",
                devices.size(), fleet.profiles().stream().map(DeviceProfile::customerId).distinct().count(), size.tickets()));
    }

    private void addTicket(PreparedStatement prediction, PreparedStatement ticket, SplittableRandom random,
            DeviceProfile device, FailureMode mode, int nth, String status, Priority priority, Instant opened)
            throws SQLException {
        String predictionId = DeterministicIds.of("prediction", device.deviceId(), mode.id(), nth);
        Instant failureAt = opened.plus(Duration.ofHours(random.nextLong(6, 24 * 30)));
        int i = 1;
        prediction.setString(i++, predictionId);
        prediction.setString(i++, device.deviceId());
        prediction.setString(i++, device.productModel());
        prediction.setString(i++, mode.id());
        prediction.setTimestamp(i++, Timestamp.from(opened));
        prediction.setTimestamp(i++, Timestamp.from(failureAt));
        prediction.setDouble(i++, 0.6 + 0.4 * random.nextDouble());
        prediction.setDouble(i++, random.nextDouble());
        prediction.setDouble(i++, 0.6 + 0.4 * random.nextDouble());
        prediction.setString(i, device.productModel() + "/v1");
        prediction.addBatch();

        boolean worked = !status.equals("OPEN");
        boolean resolved = status.equals("RESOLVED") || status.equals("CLOSED");
        Instant firstDue = opened.plus(priority.firstResponse());
        Instant responded = worked ? notAfterEnd(opened.plus(Duration.ofMinutes(random.nextLong(2 * priority.firstResponse().toMinutes()) + 1))) : null;
        Instant resolvedAt = resolved ? notAfterEnd(responded.plus(Duration.ofHours(random.nextLong(1, 24 * 10)))) : null;
        Instant updated = resolvedAt != null ? resolvedAt : responded != null ? responded : opened;
        String technician = worked ? "tech-" + device.region() + "-" + (1 + random.nextInt(4)) : null;
        i = 1;
        ticket.setString(i++, DeterministicIds.of("ticket", device.deviceId(), mode.id(), nth));
        ticket.setString(i++, device.deviceId());
        ticket.setString(i++, device.productModel());
        ticket.setString(i++, mode.id());
        ticket.setString(i++, predictionId);
        ticket.setString(i++, priority.name());
        ticket.setString(i++, status);
        ticket.setTimestamp(i++, Timestamp.from(opened));
        ticket.setTimestamp(i++, Timestamp.from(firstDue));
        ticket.setTimestamp(i++, Timestamp.from(failureAt));
        ticket.setString(i++, device.underWarranty(opened.atZone(ZoneOffset.UTC).toLocalDate()) ? "FREE" : "PAID");
        ticket.setString(i++, mode.requiredSkill());
        ticket.setString(i++, mode.name().en() + " predicted");
        ticket.setString(i++, technician);
        ticket.setTimestamp(i++, Timestamp.from(updated));
        ticket.setTimestamp(i++, responded == null ? null : Timestamp.from(responded));
        ticket.setObject(i++, responded == null ? null : !responded.isAfter(firstDue));
        ticket.setTimestamp(i++, resolvedAt == null ? null : Timestamp.from(resolvedAt));
        ticket.setObject(i++, resolvedAt == null ? null : !resolvedAt.isAfter(opened.plus(resolutionTarget(priority))));
        ticket.setString(i, resolved ? "FAILURE_CONFIRMED" : null);
        ticket.addBatch();
    }

    /** Nothing happened after the data set's end, "now" for the reads. */
    private Instant notAfterEnd(Instant at) {
        return at.isAfter(end) ? end : at;
    }

    /** As the schema's resolution_target(priority). */
    private static Duration resolutionTarget(Priority priority) {
        return switch (priority) {
            case URGENT -> Duration.ofHours(24);
            case HIGH -> Duration.ofHours(72);
            case NORMAL -> Duration.ofDays(7);
            case LOW -> Duration.ofDays(14);
        };
    }

    /**
     * One reading a minute over the telemetry span for each telemetry device, values around each sensor's normal
     * range, through the InfluxDB v2 write API in time order. @return the rows written
     */
    long storeTelemetry(EmbeddedTimeSeriesStore store, long seed, Progress progress) {
        List<SimulatedDevice> devices = telemetryDevices();
        long steps = size.telemetrySpan().toMillis() / READING_STEP_MILLIS;
        long total = steps * devices.size();
        long from = end.minus(size.telemetrySpan()).toEpochMilli();
        NormalReadings readings = new NormalReadings(store.influxUrl(), seed, progress, "telemetry", total);
        try (readings) {
            for (long step = 0; step < steps; step++) {
                for (SimulatedDevice device : devices) {
                    readings.add(device.deviceId(), device.model(), from + step * READING_STEP_MILLIS);
                }
            }
        }
        progress.update("telemetry", readings.written(), total);
        progress.done(String.format(Locale.ROOT, "%,d devices x %d days of one-minute readings", devices.size(),
                size.telemetrySpan().toDays()));
        return readings.written();
    }
}
