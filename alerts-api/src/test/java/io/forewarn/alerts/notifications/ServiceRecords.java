package io.forewarn.alerts.notifications;

import io.forewarn.contracts.service.ServiceSchema;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A fresh, migrated database per test class on one embedded PostgreSQL (its own, so the outbox worker never
 * touches the rows other API tests count), with the service records a notification test needs, written as the
 * stream job writes them.
 */
final class ServiceRecords {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final DataSource dataSource;

    private ServiceRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static synchronized ServiceRecords fresh() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // Shutting down anyway.
                    }
                }));
            }
            String name = "notifications_" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                 PreparedStatement st = c.prepareStatement("CREATE DATABASE " + name)) {
                st.execute();
            }
            DataSource dataSource = postgres.getDatabase("postgres", name);
            ServiceSchema.migrate(dataSource);
            return new ServiceRecords(dataSource);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL for notification tests", e);
        }
    }

    /** A customer; quiet hours null for none. */
    ServiceRecords customer(String id, String language, String email, String phone, List<String> channels,
                            String timeZone, LocalTime quietStart, LocalTime quietEnd, int maxPerWeek) {
        exec("INSERT INTO customers (customer_id, name, email, phone, language, channels, time_zone, quiet_start,"
                        + " quiet_end, max_notices_per_week) VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)",
                id, "Customer " + id, email, phone, language, "{" + String.join(",", channels) + "}", timeZone,
                quietStart == null ? null : Time.valueOf(quietStart), quietEnd == null ? null : Time.valueOf(quietEnd),
                maxPerWeek);
        return this;
    }

    /** A customer reachable everywhere, no quiet hours, a high cap. */
    ServiceRecords customer(String id, String language, List<String> channels) {
        return customer(id, language, id + "@example.com", "+8613800000000", channels, "UTC", null, null, 50);
    }

    ServiceRecords device(String deviceId, String customerId, String productModel) {
        exec("INSERT INTO devices (device_id, product_model, customer_id, region, installed_on, warranty_end)"
                + " VALUES (?, ?, ?, 'north', DATE '2024-01-01', DATE '2027-01-01')", deviceId, productModel, customerId);
        return this;
    }

    ServiceRecords ticket(String ticketId, String deviceId, String priority, Instant openedAt) {
        exec("INSERT INTO tickets (ticket_id, kind, device_id, product_model, failure_mode, priority, status, opened_at,"
                        + " first_response_due, service_charge, required_skill, technician_actions, summary)"
                        // One open ticket per device and failure mode: each test ticket has a mode of its own.
                        + " SELECT ?, 'PREDICTED_FAILURE', d.device_id, d.product_model, ?, ?, 'OPEN', ?, ?,"
                        + " 'FREE', 'general', '[]'::jsonb, 'test' FROM devices d WHERE d.device_id = ?",
                ticketId, "mode-" + ticketId, priority, Timestamp.from(openedAt), Timestamp.from(openedAt.plusSeconds(3600)), deviceId);
        return this;
    }

    /** A queued maintenance reminder for {@code ticketId}, in {@code language}, with texts naming the reminder. */
    ServiceRecords reminder(String reminderId, String ticketId, String language, Instant createdAt) {
        boolean zh = "zh".equals(language);
        exec("INSERT INTO reminders (reminder_id, ticket_id, device_id, customer_id, language, channel, status, created_at,"
                        + " title, what_we_found, why_it_matters, what_to_do, how_to_book)"
                        + " SELECT ?, t.ticket_id, t.device_id, d.customer_id, ?, 'EMAIL', 'QUEUED', ?, ?, ?, ?, ?, ?"
                        + " FROM tickets t JOIN devices d ON d.device_id = t.device_id WHERE t.ticket_id = ?",
                reminderId, language, Timestamp.from(createdAt),
                zh ? "您的空调需要预防性维护" : "Preventive maintenance recommended for your air conditioner",
                zh ? "压缩机振动正在升高。" : "The compressor's vibration is rising.",
                zh ? "不处理会导致压缩机卡死。" : "Left alone, the compressor will seize.",
                zh ? "请避免长时间满负荷运行。" : "Avoid running it at full load for long.",
                zh ? "请通过 http://localhost:8080/book?ticket=" + ticketId + " 预约上门时间。"
                        : "Book a visit at http://localhost:8080/book?ticket=" + ticketId + ". Free of charge.",
                ticketId);
        return this;
    }

    /** Customer, device, ticket and one queued reminder in one go; returns the reminder id. */
    String notice(String key, String language, List<String> channels, Instant at) {
        customer("cust-" + key, language, channels);
        device("dev-" + key, "cust-" + key, "ac_split_inverter");
        ticket("tk-" + key, "dev-" + key, "NORMAL", at);
        reminder("rem-" + key, "tk-" + key, language, at);
        return "rem-" + key;
    }

    String reminderStatus(String reminderId) {
        return rows("SELECT status FROM reminders WHERE reminder_id = ?", reminderId).get(0).getString("status");
    }

    List<JsonObject> deliveries(String reminderId) {
        return rows("SELECT delivery_id, channel, state, attempts, held_until, hold_reason, next_attempt_at, sent_at,"
                + " failure_reason, last_error FROM reminder_deliveries WHERE reminder_id = ? ORDER BY delivery_id", reminderId);
    }

    JsonObject delivery(String reminderId, String channel) {
        return deliveries(reminderId).stream().filter(d -> channel.equals(d.getString("channel"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + channel + " delivery of " + reminderId));
    }

    List<JsonObject> attempts(String reminderId) {
        return rows("SELECT a.attempt, a.outcome, a.error, d.channel FROM delivery_attempts a"
                + " JOIN reminder_deliveries d ON d.delivery_id = a.delivery_id WHERE d.reminder_id = ?"
                + " ORDER BY d.delivery_id, a.attempt", reminderId);
    }

    List<JsonObject> rows(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            List<JsonObject> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    JsonObject row = new JsonObject();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        if (value instanceof Timestamp at) {
                            value = at.toInstant().toString();
                        }
                        row.put(meta.getColumnLabel(i), value instanceof Number || value instanceof String || value == null
                                || value instanceof Boolean ? value : value.toString());
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void exec(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
