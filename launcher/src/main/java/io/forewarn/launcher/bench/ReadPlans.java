package io.forewarn.launcher.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The API benchmark's look at PostgreSQL: the indexes of migration V7 and the plans of the API's reads. */
final class ReadPlans {
    /** The indexes of migration V7; {@code --without-read-indexes} drops them to measure what they change. */
    static final List<String> READ_INDEXES = List.of("tickets_device", "tickets_updated", "predictions_recorded");

    private ReadPlans() {}

    static void dropReadIndexes(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String index : READ_INDEXES) {
                st.execute("DROP INDEX IF EXISTS " + index);
            }
        }
    }

    // Fresh tables: statistics now, as autovacuum would soon, so the plans are the ones a running system gets.
    static void analyze(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    /**
     * PostgreSQL's plans (EXPLAIN ANALYZE: the scans and the time) for the list's first page as the API asks for it,
     * and for the change feed's poll that runs beside it every two seconds (live updates).
     */
    static List<String> explain(DataSource dataSource, String customerId) throws SQLException {
        String list = "SELECT t.*, d.region, d.customer_id FROM tickets t LEFT JOIN devices d ON d.device_id = t.device_id";
        String page = " ORDER BY t.opened_at DESC, t.ticket_id DESC LIMIT 51";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("list, no filter", list + page);
        queries.put("list, status IN_PROGRESS", list + " WHERE t.status = 'IN_PROGRESS'" + page);
        queries.put("list, a customer's tickets", list + " WHERE t.device_id IN (SELECT scope_d.device_id FROM devices"
                + " scope_d WHERE scope_d.customer_id = '" + customerId.replace("'", "''") + "')" + page);
        queries.put("change feed, tickets", "SELECT t.ticket_id FROM tickets t WHERE t.updated_at > now() - interval '10 seconds'"
                + " ORDER BY t.updated_at, t.ticket_id LIMIT 500");
        queries.put("change feed, predictions", "SELECT p.prediction_id FROM predictions p WHERE p.recorded_at > now()"
                + " - interval '10 seconds' ORDER BY p.recorded_at, p.prediction_id LIMIT 500");
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                lines.add(query.getKey() + ":");
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) " + query.getValue())) {
                    while (rs.next()) {
                        String line = rs.getString(1);
                        if (line.contains("Scan") || line.contains("Execution Time")) {
                            lines.add("  " + line.strip().replace("->  ", ""));
                        }
                    }
                }
            }
        }
        return lines;
    }
}
