package io.forewarn.jobs.sinks;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.service.CustomerReminder;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.MaintenanceTicket;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.ingest.validation.DeadLetter;
import io.forewarn.jobs.decisions.ServiceRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The idempotent writes of service records. Every row has a deterministic id and every statement is a no-op when
 * the row is already there, so replaying the stream after a failure never duplicates anything.
 *
 * <p>A batch of records is written with one JDBC batch per kind of row, the statements prepared once per connection:
 * a statement per record cost a round trip to the database each and bounded the sink (docs/benchmarks.md,
 * "Storage"). The kinds go in the order their references need: predictions, then tickets (opened, then escalated),
 * then the tickets' audit events, then reminders (stored only when their ticket is), then dead letters. The job's
 * decisions emit a device's prediction before its ticket and a ticket before its reminder, so this stores what one
 * statement per record in arrival order would.
 */
final class ServiceRecordStatements {
    private final PreparedStatement insertPrediction;
    private final PreparedStatement openTicket;
    private final PreparedStatement escalateTicket;
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertReminder;
    private final PreparedStatement insertDeadLetter;

    /** Prepares the statements on {@code c}; they live as long as the connection. */
    ServiceRecordStatements(Connection c) throws SQLException {
        insertPrediction = c.prepareStatement("""
                INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,
                    estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version,
                    estimate_method, evidence, suppressed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (prediction_id) DO NOTHING""");
        // A ticket for a device and mode that already has another open ticket is not opened (the unique index says
        // so, and ON CONFLICT DO NOTHING listens); one whose id is open already is escalated instead.
        // The first-response promise runs from when the ticket reaches the service desk: a ticket the job opens late
        // (a backlog drained after downtime, the demo's replay of the past) gets its whole promises from now, not ones
        // that ran out before anybody could see them. opened_at stays the detection time, which evaluations measure.
        openTicket = c.prepareStatement("""
                INSERT INTO tickets (ticket_id, kind, device_id, product_model, failure_mode, prediction_id, priority,
                    status, opened_at, first_response_due, resolution_due, predicted_failure_at, service_charge,
                    required_skill, technician_actions, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, GREATEST(?, now() + make_interval(secs => ?)),
                    GREATEST(?, now()) + resolution_target(?), ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT DO NOTHING""");
        // Escalate only: a replayed or older prediction must never lower a priority or touch a closed ticket.
        escalateTicket = c.prepareStatement("""
                UPDATE tickets SET priority = ?,
                    first_response_due = LEAST(first_response_due, GREATEST(?, now() + make_interval(secs => ?))),
                    predicted_failure_at = ?, prediction_id = ?, updated_at = now()
                WHERE ticket_id = ? AND status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED')
                  AND array_position(ARRAY['URGENT','HIGH','NORMAL','LOW'], ?) < array_position(ARRAY['URGENT','HIGH','NORMAL','LOW'], priority)""");
        insertEvent = c.prepareStatement("""
                INSERT INTO ticket_events (ticket_id, at, actor, from_status, to_status, note, dedupe_key)
                VALUES (?, ?, 'forewarn-job', ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""");
        // Queues the reminder if its ticket was opened (a ticket suppressed by an older open one gets no reminder).
        insertReminder = c.prepareStatement("""
                INSERT INTO reminders (reminder_id, ticket_id, device_id, customer_id, language, channel, status,
                    created_at, title, what_we_found, why_it_matters, what_to_do, how_to_book)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                WHERE EXISTS (SELECT 1 FROM tickets WHERE ticket_id = ?)
                ON CONFLICT (reminder_id) DO NOTHING""");
        insertDeadLetter = c.prepareStatement("""
                INSERT INTO dead_letters (dead_letter_id, received_at, topic, device_id, reason, field, detail, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dead_letter_id) DO NOTHING""");
    }

    /** Writes the records on the statements' connection; the caller commits. */
    void write(List<ServiceRecord> records) throws SQLException {
        List<MaintenanceTicket> tickets = new ArrayList<>();
        for (ServiceRecord r : records) {
            if (r.prediction() != null) addPrediction(r.prediction());
            else if (r.ticket() != null) {
                addTicket(r.ticket());
                tickets.add(r.ticket());
            } else if (r.reminder() != null) addReminder(r.reminder());
            else if (r.deadLetter() != null) addDeadLetter(r.deadLetter());
        }
        insertPrediction.executeBatch();
        int[] opened = openTicket.executeBatch();
        List<MaintenanceTicket> notOpened = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            MaintenanceTicket t = tickets.get(i);
            if (opened[i] == 1) {
                String why = MaintenanceTicket.KIND_PREVENTIVE_PLAN.equals(t.kind())
                        ? "opened as maintenance plan " + t.failureMode() + " fell due"
                        : "opened by prediction " + t.predictionId();
                addEvent(t.ticketId(), t.openedAt(), null, t.status(), why + " with priority " + t.priority(), "job:open:" + t.ticketId());
            } else {
                addEscalation(t);
                notOpened.add(t);
            }
        }
        int[] escalated = escalateTicket.executeBatch();
        for (int i = 0; i < notOpened.size(); i++) {
            if (escalated[i] == 1) {
                MaintenanceTicket t = notOpened.get(i);
                // The escalating prediction's time: the due time is that plus the new priority's first-response promise.
                Instant escalatedAt = t.firstResponseDue().minus(t.priority().firstResponse());
                addEvent(t.ticketId(), escalatedAt, t.status(), t.status(), "escalated to " + t.priority()
                        + " by prediction " + t.predictionId(), "job:escalate:" + t.predictionId());
            }
        }
        insertEvent.executeBatch();
        insertReminder.executeBatch();
        insertDeadLetter.executeBatch();
    }

    private void addPrediction(PredictedFailure p) throws SQLException {
        new Row(insertPrediction).text(p.predictionId()).text(p.deviceId()).text(p.productModel()).text(p.failureMode())
                .time(p.detectedAt()).time(p.estimatedFailureAt()).number(p.confidence()).number(p.healthIndex())
                .number(p.anomalyScore()).number(p.threshold()).text(p.modelVersion())
                .text(p.estimateMethod().name()).text(Json.write(p.evidence()))
                .text(p.suppressedBy()).add();
    }

    private void addTicket(MaintenanceTicket t) throws SQLException {
        new Row(openTicket).text(t.ticketId()).text(t.kind()).text(t.deviceId()).text(t.productModel()).text(t.failureMode())
                .text(t.predictionId()).text(t.priority().name()).text(t.status()).time(t.openedAt()).time(t.firstResponseDue())
                .number(t.priority().firstResponse().toSeconds())
                .time(t.openedAt()).text(t.priority().name())
                .time(t.predictedFailureAt()).text(t.serviceCharge()).text(t.requiredSkill())
                .text(Json.write(t.technicianActions())).text(t.summary()).add();
    }

    private void addEscalation(MaintenanceTicket t) throws SQLException {
        new Row(escalateTicket).text(t.priority().name()).time(t.firstResponseDue())
                .number(t.priority().firstResponse().toSeconds()).time(t.predictedFailureAt())
                .text(t.predictionId()).text(t.ticketId()).text(t.priority().name()).add();
    }

    private void addEvent(String ticketId, Instant at, String from, String to, String note, String key) throws SQLException {
        new Row(insertEvent).text(ticketId).time(at).text(from).text(to).text(note).text(key).add();
    }

    private void addReminder(CustomerReminder r) throws SQLException {
        new Row(insertReminder).text(r.reminderId()).text(r.ticketId()).text(r.deviceId()).text(r.customerId())
                .text(r.language()).text(r.channel()).text(r.status()).time(r.createdAt()).text(r.title())
                .text(r.whatWeFound()).text(r.whyItMatters()).text(r.whatToDo()).text(r.howToBook())
                .text(r.ticketId()).add();
    }

    private void addDeadLetter(DeadLetter d) throws SQLException {
        new Row(insertDeadLetter).text(DeterministicIds.of("dead-letter", d.topic(), d.receivedAt(), sha256(d.payload())))
                .time(d.receivedAt()).text(d.topic()).text(d.deviceId()).text(d.reason().name()).text(d.field())
                .text(d.detail()).bytes(d.payload()).add();
    }

    /** One row of a batch: its parameters bound in the statement's order, so no index is written by hand. */
    private static final class Row {
        private final PreparedStatement statement;
        private int index;

        Row(PreparedStatement statement) {
            this.statement = statement;
        }

        Row text(String value) throws SQLException {
            statement.setString(++index, value);
            return this;
        }

        /** A timestamp column; null stays SQL NULL. */
        Row time(Instant value) throws SQLException {
            statement.setTimestamp(++index, value == null ? null : Timestamp.from(value));
            return this;
        }

        Row number(double value) throws SQLException {
            statement.setDouble(++index, value);
            return this;
        }

        Row bytes(byte[] value) throws SQLException {
            statement.setBytes(++index, value);
            return this;
        }

        void add() throws SQLException {
            statement.addBatch();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
