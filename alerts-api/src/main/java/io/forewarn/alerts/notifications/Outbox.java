package io.forewarn.alerts.notifications;

import io.forewarn.alerts.db.Rows;
import io.forewarn.alerts.db.Transactions;
import io.forewarn.alerts.notifications.channels.SendResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox tables, {@code reminder_deliveries} and {@code delivery_attempts} (blocking JDBC). Deliveries are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so API instances sharing a database never take the same row; the
 * decisions that depend on a customer's other notices (the frequency cap) run under a lock on the customer's row.
 */
final class Outbox {
    /** A claimed delivery, with everything needed to decide on it and send it. */
    record Claimed(long deliveryId, int attempts, boolean urgent, String customerId, Notice notice) {}

    /** A delivery's new state and its reminder's status after it. */
    record Change(DeliveryState state, String reminderStatus) {}

    private static final String DUE_STATES = "('QUEUED', 'SENDING', 'HELD', 'RETRY')";

    private Outbox() {}

    /**
     * Gives queued reminders that have no deliveries yet one delivery per channel the customer chose (or, when
     * they chose none, the reminder's own channel). Idempotent: a second instance doing the same inserts nothing.
     */
    static int enqueueNew(Connection c, Instant now, int limit) throws SQLException {
        String sql = """
                INSERT INTO reminder_deliveries (reminder_id, customer_id, channel, state, next_attempt_at, created_at, updated_at)
                SELECT r.reminder_id, r.customer_id, ch.channel, 'QUEUED', ?, ?, ?
                FROM (SELECT q.reminder_id, q.customer_id, q.channel FROM reminders q
                      WHERE q.status = 'QUEUED'
                        AND NOT EXISTS (SELECT 1 FROM reminder_deliveries e WHERE e.reminder_id = q.reminder_id)
                      ORDER BY q.created_at LIMIT ?) r
                JOIN customers cu ON cu.customer_id = r.customer_id
                CROSS JOIN LATERAL unnest(CASE WHEN cardinality(cu.channels) > 0 THEN cu.channels
                                               ELSE ARRAY[r.channel] END) AS ch (channel)
                ON CONFLICT (reminder_id, channel) DO NOTHING""";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, now, now, now, limit);
            return st.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code worker}: they become SENDING, due again only when the
     * lease runs out (so a delivery whose worker died is picked up again, not lost).
     */
    static List<Claimed> claim(Connection c, Instant now, Duration lease, int limit, String worker) throws SQLException {
        String sql = """
                WITH due AS (
                    SELECT delivery_id FROM reminder_deliveries
                    WHERE state IN %s AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, delivery_id
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED),
                claimed AS (
                    UPDATE reminder_deliveries d
                    SET state = 'SENDING', next_attempt_at = ?, claimed_by = ?, updated_at = ?
                    FROM due WHERE d.delivery_id = due.delivery_id
                    RETURNING d.delivery_id, d.reminder_id, d.customer_id, d.channel, d.attempts)
                SELECT cl.delivery_id, cl.channel, cl.attempts, r.reminder_id, r.kind, r.ticket_id, r.device_id,
                       r.language, r.title, r.what_we_found, r.why_it_matters, r.what_to_do, r.how_to_book,
                       cu.customer_id, cu.name, cu.email, cu.phone, t.priority
                FROM claimed cl
                JOIN reminders r ON r.reminder_id = cl.reminder_id
                JOIN customers cu ON cu.customer_id = cl.customer_id
                LEFT JOIN tickets t ON t.ticket_id = r.ticket_id
                ORDER BY cl.delivery_id""".formatted(DUE_STATES);
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, now, limit, now.plus(lease), worker, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(claimedOf(rs));
                }
            }
        }
        return claimed;
    }

    private static Claimed claimedOf(ResultSet rs) throws SQLException {
        NoticeKind kind = NoticeKind.valueOf(rs.getString("kind"));
        String language = rs.getString("language");
        Notice notice = new Notice(rs.getLong("delivery_id"), rs.getString("reminder_id"), kind, rs.getString("channel"),
                rs.getString("ticket_id"), rs.getString("device_id"), language, rs.getString("title"),
                Notice.sectionsOf(kind, language, rs.getString("what_we_found"), rs.getString("why_it_matters"),
                        rs.getString("what_to_do"), rs.getString("how_to_book")),
                new Notice.Recipient(rs.getString("customer_id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("phone")));
        return new Claimed(rs.getLong("delivery_id"), rs.getInt("attempts"), "URGENT".equals(rs.getString("priority")),
                rs.getString("customer_id"), notice);
    }

    /**
     * Decides, under the customer's lock, whether the claimed delivery goes out now: if so it is marked as
     * dispatched (it counts towards the cap from here on); otherwise it is HELD until the hold ends.
     */
    static Decision holdOrDispatch(Connection c, Claimed d, Instant now) throws SQLException {
        return inTransaction(c, () -> {
            Preferences prefs = lockCustomer(c, d.customerId());
            lockReminder(c, d.notice().reminderId());
            List<Instant> recent = new ArrayList<>();
            boolean alreadyCounted = recentNotices(c, d, now, recent);
            Hold hold = Hold.decide(prefs.quiet(), prefs.cap(), d.urgent() || alreadyCounted, recent, now);
            if (hold == null) {
                update(c, "UPDATE reminder_deliveries SET dispatched_at = ?, held_until = NULL, hold_reason = NULL,"
                        + " updated_at = ? WHERE delivery_id = ?", now, now, d.deliveryId());
            } else {
                update(c, "UPDATE reminder_deliveries SET state = 'HELD', held_until = ?, hold_reason = ?,"
                        + " next_attempt_at = ?, updated_at = ? WHERE delivery_id = ?",
                        hold.until(), hold.reason(), hold.until(), now, d.deliveryId());
            }
            return new Decision(hold, rollUp(c, d.notice().reminderId()));
        });
    }

    /**
     * @param hold null when the delivery goes out now
     * @param reminderStatus the reminder's status after the decision
     */
    record Decision(Hold hold, String reminderStatus) {}

    private record Preferences(QuietHours quiet, FrequencyCap cap) {}

    private static Preferences lockCustomer(Connection c, String customerId) throws SQLException {
        String sql = "SELECT quiet_start, quiet_end, time_zone, max_notices_per_week FROM customers"
                + " WHERE customer_id = ? FOR NO KEY UPDATE";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("customer " + customerId + " disappeared");
                }
                return new Preferences(
                        QuietHours.of(rs.getObject("quiet_start", LocalTime.class), rs.getObject("quiet_end", LocalTime.class),
                                zone(rs.getString("time_zone"))),
                        new FrequencyCap(rs.getInt("max_notices_per_week")));
            }
        }
    }

    // The API validates time zones; a row written around it falls back to UTC rather than stalling the outbox.
    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }

    private static void lockReminder(Connection c, String reminderId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM reminders WHERE reminder_id = ? FOR NO KEY UPDATE")) {
            st.setString(1, reminderId);
            st.executeQuery().close();
        }
    }

    /**
     * Fills {@code recent} with when each of the customer's other notices of the last week went out (or started
     * to), oldest first; returns true when this delivery's own reminder already went out on another channel: it has
     * been counted, so the cap does not hold its other channels.
     */
    private static boolean recentNotices(Connection c, Claimed d, Instant now, List<Instant> recent) throws SQLException {
        String sql = """
                SELECT reminder_id, min(coalesce(sent_at, dispatched_at)) AS first_at FROM reminder_deliveries
                WHERE customer_id = ? AND coalesce(sent_at, dispatched_at) > ? AND delivery_id <> ?
                GROUP BY reminder_id ORDER BY first_at""";
        boolean counted = false;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, d.customerId(), now.minus(FrequencyCap.WINDOW), d.deliveryId());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString("reminder_id").equals(d.notice().reminderId())) {
                        counted = true;
                    } else {
                        recent.add(Rows.instant(rs, "first_at"));
                    }
                }
            }
        }
        return counted;
    }

    /**
     * Records one attempt's outcome and moves the delivery on: SENT or DELIVERED; RETRY at {@code retryAt}; or
     * FAILED (at once for a permanent failure, or when this was the last of {@code maxAttempts}).
     */
    static Change record(Connection c, Claimed d, SendResult result, Instant now, Instant retryAt, int maxAttempts)
            throws SQLException {
        int attempt = d.attempts() + 1;
        return inTransaction(c, () -> {
            lockReminder(c, d.notice().reminderId());
            DeliveryState state;
            String reason = null;
            String error = null;
            if (result instanceof SendResult.Sent sent) {
                state = sent.confirmed() ? DeliveryState.DELIVERED : DeliveryState.SENT;
            } else if (result instanceof SendResult.Retry retry) {
                state = attempt >= maxAttempts ? DeliveryState.FAILED : DeliveryState.RETRY;
                reason = state == DeliveryState.FAILED ? SendResult.MAX_ATTEMPTS : null;
                error = retry.error();
            } else {
                SendResult.Failed failed = (SendResult.Failed) result;
                state = DeliveryState.FAILED;
                reason = failed.reason();
                error = failed.error();
            }
            update(c, "INSERT INTO delivery_attempts (delivery_id, attempt, at, outcome, error) VALUES (?, ?, ?, ?, ?)",
                    d.deliveryId(), attempt, now, state.name(), error);
            boolean sent = state == DeliveryState.SENT || state == DeliveryState.DELIVERED;
            update(c, """
                    UPDATE reminder_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, sent_at = ?,
                        dispatched_at = CASE WHEN ? THEN dispatched_at END, failure_reason = ?, last_error = ?,
                        held_until = NULL, hold_reason = NULL, updated_at = ?
                    WHERE delivery_id = ?""",
                    state.name(), attempt, state == DeliveryState.RETRY ? retryAt : null, sent ? now : null,
                    sent, reason, error, now, d.deliveryId());
            return new Change(state, rollUp(c, d.notice().reminderId()));
        });
    }

    /**
     * Sets the reminder's status from its deliveries and returns it: DELIVERED or SENT once any channel got it
     * through; FAILED when all failed; HELD while every one not failed is held; otherwise QUEUED. The caller holds
     * the reminder's lock, so concurrent deliveries of one reminder do not overwrite each other's summary.
     */
    static String rollUp(Connection c, String reminderId) throws SQLException {
        String summary = """
                SELECT CASE
                    WHEN bool_or(state = 'DELIVERED') THEN 'DELIVERED'
                    WHEN bool_or(state = 'SENT') THEN 'SENT'
                    WHEN bool_and(state = 'FAILED') THEN 'FAILED'
                    WHEN bool_and(state IN ('HELD', 'FAILED')) THEN 'HELD'
                    ELSE 'QUEUED' END
                FROM reminder_deliveries WHERE reminder_id = ?""";
        String status;
        try (PreparedStatement st = c.prepareStatement(summary)) {
            st.setString(1, reminderId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                status = rs.getString(1);
            }
        }
        update(c, "UPDATE reminders SET status = ? WHERE reminder_id = ? AND status <> ?", status, reminderId, status);
        return status;
    }

    /** One unit of work in a transaction of its own. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run() throws SQLException;
    }

    static <T> T inTransaction(Connection c, TransactionWork<T> work) throws SQLException {
        return Transactions.run(c, connection -> work.run());
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, values);
            st.executeUpdate();
        }
    }

    private static void bind(PreparedStatement st, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            // The PostgreSQL driver takes OffsetDateTime for timestamptz, not Instant.
            st.setObject(i + 1, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        }
    }
}
