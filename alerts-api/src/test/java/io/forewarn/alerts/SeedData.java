package io.forewarn.alerts;

import io.forewarn.alerts.auth.Role;
import io.forewarn.alerts.auth.UserAccounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * A small fleet written with plain SQL, as the stream job would: two customers (Alice with three devices,
 * Bob with one), two technicians, predictions, tickets with history, reminders and dead letters.
 */
final class SeedData {
    /** The API under test runs on a fixed clock at this instant, so SLA state is deterministic. */
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String PASSWORD = "correct horse battery";

    static final String ALICE = "cust-alice";
    static final String BOB = "cust-bob";
    static final String TOM = "tech-tom";
    static final String TINA = "tech-tina";

    static final String PLANNER_USER = "planner";
    static final String ADMIN_USER = "admin";
    static final String ALICE_USER = "alice";
    static final String BOB_USER = "bob";
    static final String TOM_USER = "tom";
    static final String TINA_USER = "tina";

    /** Devices a1..a3 belong to Alice, b1 to Bob; a3 has no prediction. */
    static final String DEV_A1 = "dev-a1";
    static final String DEV_A2 = "dev-a2";
    static final String DEV_A3 = "dev-a3";
    static final String DEV_B1 = "dev-b1";

    /** Five predictions, newest first; pred-2 and pred-3 share a detection instant (the id breaks the tie). */
    static final String[] PREDICTIONS_NEWEST_FIRST = {"pred-5", "pred-3", "pred-2", "pred-4", "pred-1"};

    /** Tickets: t-1 Alice/a1 assigned to Tom (responded late), t-2 Alice/a2 open and overdue,
     * t-3 Bob/b1 assigned to Tina, t-4 Alice/a1 resolved by Tom, t-5 Bob/b1 open, not yet due. */
    static final String[] TICKETS_NEWEST_FIRST = {"tk-5", "tk-4", "tk-3", "tk-2", "tk-1"};

    private SeedData() {}

    static void insertAll(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            customers(c);
            technicians(c);
            devices(c);
            predictions(c);
            tickets(c);
            events(c);
            reminders(c);
            deadLetters(c);
            c.commit();
        }
    }

    static void insertUsers(DataSource dataSource) {
        UserAccounts.create(dataSource, PLANNER_USER, PASSWORD, Role.PLANNER, null, null);
        UserAccounts.create(dataSource, ADMIN_USER, PASSWORD, Role.ADMIN, null, null);
        UserAccounts.create(dataSource, ALICE_USER, PASSWORD, Role.CUSTOMER, ALICE, null);
        UserAccounts.create(dataSource, BOB_USER, PASSWORD, Role.CUSTOMER, BOB, null);
        UserAccounts.create(dataSource, TOM_USER, PASSWORD, Role.TECHNICIAN, null, TOM);
        UserAccounts.create(dataSource, TINA_USER, PASSWORD, Role.TECHNICIAN, null, TINA);
    }

    private static void customers(Connection c) throws SQLException {
        String sql = "INSERT INTO customers (customer_id, name, email, language) VALUES (?, ?, ?, ?)";
        exec(c, sql, ALICE, "Alice Chen", "alice@example.com", "zh");
        exec(c, sql, BOB, "Bob Smith", "bob@example.com", "en");
    }

    private static void technicians(Connection c) throws SQLException {
        String sql = "INSERT INTO technicians (technician_id, name, region, skills) VALUES (?, ?, ?, ARRAY['HVAC'])";
        exec(c, sql, TOM, "Tom", "north");
        exec(c, sql, TINA, "Tina", "south");
    }

    private static void devices(Connection c) throws SQLException {
        String sql = "INSERT INTO devices (device_id, product_model, customer_id, region, location, installed_on,"
                + " warranty_end) VALUES (?, ?, ?, ?, ?, ?, ?)";
        exec(c, sql, DEV_A1, "HP-200", ALICE, "north", "kitchen", LocalDate.of(2023, 1, 10), LocalDate.of(2026, 1, 10));
        exec(c, sql, DEV_A2, "AC-900", ALICE, "north", "attic", LocalDate.of(2021, 3, 1), LocalDate.of(2024, 3, 1));
        exec(c, sql, DEV_A3, "AC-900", ALICE, "north", null, LocalDate.of(2024, 5, 1), LocalDate.of(2027, 5, 1));
        exec(c, sql, DEV_B1, "HP-200", BOB, "south", "garage", LocalDate.of(2022, 7, 1), LocalDate.of(2025, 7, 1));
    }

    private static void predictions(Connection c) throws SQLException {
        prediction(c, "pred-1", DEV_A1, "HP-200", "COMPRESSOR_WEAR", NOW.minus(Duration.ofHours(50)), TREND, PRODUCT_EVIDENCE);
        prediction(c, "pred-2", DEV_A2, "AC-900", "FILTER_CLOG", NOW.minus(Duration.ofHours(20)), SUPERVISED,
                PRODUCT_AND_DEVICE_EVIDENCE);
        prediction(c, "pred-3", DEV_B1, "HP-200", "FAN_BEARING", NOW.minus(Duration.ofHours(20)), TREND, PRODUCT_EVIDENCE);
        prediction(c, "pred-4", DEV_A1, "HP-200", "FAN_BEARING", NOW.minus(Duration.ofHours(30)), TREND, PRODUCT_EVIDENCE);
        prediction(c, "pred-5", DEV_B1, "HP-200", "COMPRESSOR_WEAR", NOW.minus(Duration.ofHours(2)), TREND, PRODUCT_EVIDENCE);
    }

    private static final String TREND = "TREND_EXTRAPOLATION";
    /** pred-2's failure time came from the supervised time-to-failure model. */
    private static final String SUPERVISED = "SUPERVISED_MODEL";
    /** One feature against its product model's healthy range. */
    private static final String PRODUCT_EVIDENCE = """
            [{"feature":"vibration_rms","unit":"mm/s","value":7.5,"baseline":2.0,"deviation":4.1,"kind":"PRODUCT_MODEL"}]""";
    /** pred-2's: the same, and a sensor against the range this device usually shows. */
    private static final String PRODUCT_AND_DEVICE_EVIDENCE = """
            [{"feature":"vibration_rms","unit":"mm/s","value":7.5,"baseline":2.0,"deviation":4.1,"kind":"PRODUCT_MODEL"},
             {"feature":"fan_current","unit":"A","value":1.9,"baseline":1.5,"deviation":2.6,"kind":"DEVICE_BASELINE"}]""";

    private static void prediction(Connection c, String id, String device, String model, String mode, Instant at,
            String estimateMethod, String evidence) throws SQLException {
        String sql = "INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,"
                + " estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version, estimate_method,"
                + " evidence) VALUES (?, ?, ?, ?, ?, ?, 0.8, 0.4, 0.71, 0.6, 'iforest-v1', ?, ?::jsonb)";
        exec(c, sql, id, device, model, mode, ts(at), ts(at.plus(Duration.ofDays(3))), estimateMethod, evidence);
    }

    private static void tickets(Connection c) throws SQLException {
        ticket(c, "tk-1", DEV_A1, "HP-200", "COMPRESSOR_WEAR", "pred-1", "HIGH", "ASSIGNED", hoursAgo(48), TOM);
        ticket(c, "tk-2", DEV_A2, "AC-900", "FILTER_CLOG", "pred-2", "URGENT", "OPEN", hoursAgo(20), null);
        ticket(c, "tk-3", DEV_B1, "HP-200", "FAN_BEARING", "pred-3", "HIGH", "IN_PROGRESS", hoursAgo(19), TINA);
        ticket(c, "tk-4", DEV_A1, "HP-200", "FAN_BEARING", "pred-4", "NORMAL", "RESOLVED", hoursAgo(10), TOM);
        ticket(c, "tk-5", DEV_B1, "HP-200", "COMPRESSOR_WEAR", "pred-5", "NORMAL", "OPEN", hoursAgo(2), null);
    }

    private static Instant hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    private static void ticket(Connection c, String id, String device, String model, String mode, String prediction,
            String priority, String status, Instant openedAt, String technician) throws SQLException {
        Duration firstResponse = io.forewarn.contracts.service.Priority.valueOf(priority).firstResponse();
        String sql = "INSERT INTO tickets (ticket_id, kind, device_id, product_model, failure_mode, prediction_id,"
                + " priority, status, opened_at, first_response_due, predicted_failure_at, service_charge,"
                + " required_skill, technician_actions, summary, assigned_technician)"
                + " VALUES (?, 'PREDICTED_FAILURE', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'FREE', 'HVAC', ?::jsonb, ?, ?)";
        exec(c, sql, id, device, model, mode, prediction, priority, status, ts(openedAt),
                ts(openedAt.plus(firstResponse)), ts(openedAt.plus(Duration.ofDays(3))),
                "[\"inspect\",\"replace part\"]", mode + " predicted on " + device, technician);
    }

    private static void events(Connection c) throws SQLException {
        String sql = "INSERT INTO ticket_events (ticket_id, at, actor, from_status, to_status, note)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        // tk-1 is HIGH (4 h first response): assigned after 6 h, so its SLA was breached.
        exec(c, sql, "tk-1", ts(hoursAgo(48)), "stream-job", null, "OPEN", "opened from pred-1");
        exec(c, sql, "tk-1", ts(hoursAgo(42)), "planner", "OPEN", "ASSIGNED", "assigned to Tom");
        // tk-3 is HIGH: answered after 1 h, in time.
        exec(c, sql, "tk-3", ts(hoursAgo(19)), "stream-job", null, "OPEN", null);
        exec(c, sql, "tk-3", ts(hoursAgo(18)), "planner", "OPEN", "ASSIGNED", null);
        exec(c, sql, "tk-3", ts(hoursAgo(17)), "tina", "ASSIGNED", "IN_PROGRESS", null);
    }

    private static void reminders(Connection c) throws SQLException {
        String sql = "INSERT INTO reminders (reminder_id, ticket_id, device_id, customer_id, language, channel, status,"
                + " created_at, title, what_we_found, why_it_matters, what_to_do, how_to_book)"
                + " VALUES (?, ?, ?, ?, ?, 'EMAIL', ?, ?, 'Service due', 'wear', 'avoid a breakdown', 'book', 'call us')";
        exec(c, sql, "rem-1", "tk-1", DEV_A1, ALICE, "zh", "SENT", ts(hoursAgo(47)));
        exec(c, sql, "rem-2", "tk-2", DEV_A2, ALICE, "zh", "QUEUED", ts(hoursAgo(19)));
        exec(c, sql, "rem-3", "tk-3", DEV_B1, BOB, "en", "DELIVERED", ts(hoursAgo(18)));
        exec(c, sql, "rem-5", "tk-5", DEV_B1, BOB, "en", "QUEUED", ts(hoursAgo(1)));
    }

    private static void deadLetters(Connection c) throws SQLException {
        String sql = "INSERT INTO dead_letters (dead_letter_id, received_at, topic, device_id, reason, field, detail,"
                + " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        exec(c, sql, "dl-1", ts(hoursAgo(3)), "devices/dev-a1/telemetry", DEV_A1, "OUT_OF_RANGE", "temperature",
                "temperature 900 above 150", "{\"temperature\":900}".getBytes());
        exec(c, sql, "dl-2", ts(hoursAgo(2)), "devices/x/telemetry", null, "MALFORMED_JSON", null,
                "unexpected end of input", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        exec(c, sql, "dl-3", ts(hoursAgo(1)), "devices/dev-b1/telemetry", DEV_B1, "OUT_OF_RANGE", "pressure",
                "pressure -3 below 0", "{\"pressure\":-3}".getBytes());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static void exec(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
