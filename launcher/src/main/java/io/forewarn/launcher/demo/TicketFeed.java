package io.forewarn.launcher.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** Prints each ticket the job opens or escalates, so the demo's console tells its story as it happens. */
final class TicketFeed implements AutoCloseable {
    private static final String QUERY = """
            SELECT t.ticket_id, t.priority, t.device_id, t.failure_mode, t.opened_at, t.predicted_failure_at,
                   t.service_charge, p.detected_at, p.confidence
            FROM tickets t LEFT JOIN predictions p ON p.prediction_id = t.prediction_id
            ORDER BY t.opened_at""";

    private final DataSource dataSource;
    private final PrintStream console;
    private final Map<String, String> priorities = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "forewarn-demo-ticket-feed");
        t.setDaemon(true);
        return t;
    });

    TicketFeed(DataSource dataSource, PrintStream console) {
        this.dataSource = dataSource;
        this.console = console;
    }

    TicketFeed start() {
        timer.scheduleWithFixedDelay(this::poll, 2, 2, TimeUnit.SECONDS);
        return this;
    }

    private void poll() {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(QUERY);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                String priority = rs.getString(2);
                String before = priorities.put(id, priority);
                if (priority.equals(before)) {
                    continue;
                }
                Instant detected = rs.getTimestamp(8).toInstant();
                Instant failure = rs.getTimestamp(6).toInstant();
                console.printf("  %s %-6s %-18s %-24s failure expected %s (%d h ahead, confidence %.0f%%, %s)%n",
                        before == null ? "new ticket" : "escalated ", priority, rs.getString(3), rs.getString(4),
                        failure.toString().substring(0, 16).replace('T', ' '), Duration.between(detected, failure).toHours(),
                        rs.getDouble(9) * 100, rs.getString(7).equals("FREE") ? "under warranty" : "paid service");
            }
        } catch (SQLException e) {
            console.println("  (ticket feed: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
