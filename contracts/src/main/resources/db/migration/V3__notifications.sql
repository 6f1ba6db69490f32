-- Notifications: the outbox that delivers customer reminders on each channel the customer chose, with every
-- attempt kept. The API's worker moves deliveries through their states; reminders.status summarises them.

-- A reminder row is either the maintenance notice the stream job writes or the API's invitation to rate a visit.
ALTER TABLE reminders ADD COLUMN kind TEXT NOT NULL DEFAULT 'MAINTENANCE'
    CHECK (kind IN ('MAINTENANCE', 'SURVEY_INVITATION'));
-- The worker looks for reminders that have no deliveries yet among the queued ones only.
CREATE INDEX reminders_queued ON reminders (created_at) WHERE status = 'QUEUED';

-- One row per reminder and channel. next_attempt_at is when a worker should next pick the row up: when queued,
-- after a retry's backoff, when a hold ends, or when a claim by a worker that died runs out.
CREATE TABLE reminder_deliveries (
    delivery_id      BIGSERIAL PRIMARY KEY,
    reminder_id      TEXT NOT NULL REFERENCES reminders (reminder_id),
    customer_id      TEXT NOT NULL REFERENCES customers (customer_id),
    -- EMAIL, SMS, APP_PUSH or DEVICE; not checked here, so a channel the API cannot serve fails visibly
    channel          TEXT NOT NULL,
    state            TEXT NOT NULL
        CHECK (state IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'HELD', 'RETRY', 'FAILED')),
    attempts         INT NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    held_until       TIMESTAMPTZ,
    hold_reason      TEXT CHECK (hold_reason IN ('QUIET_HOURS', 'FREQUENCY_CAP')),
    -- set while a worker transmits, so the frequency cap counts a notice that is on its way
    dispatched_at    TIMESTAMPTZ,
    sent_at          TIMESTAMPTZ,
    failure_reason   TEXT,
    last_error       TEXT,
    claimed_by       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (reminder_id, channel),
    CHECK (state <> 'HELD' OR (held_until IS NOT NULL AND hold_reason IS NOT NULL)),
    CHECK (state <> 'FAILED' OR failure_reason IS NOT NULL)
);
CREATE INDEX reminder_deliveries_due ON reminder_deliveries (next_attempt_at)
    WHERE state IN ('QUEUED', 'SENDING', 'HELD', 'RETRY');
-- The frequency cap counts a customer's notices of the last seven days.
CREATE INDEX reminder_deliveries_customer_sent ON reminder_deliveries (customer_id, sent_at)
    WHERE sent_at IS NOT NULL OR dispatched_at IS NOT NULL;

-- Every transmission attempt and its outcome: append-only, like the ticket history.
CREATE TABLE delivery_attempts (
    delivery_id      BIGINT NOT NULL REFERENCES reminder_deliveries (delivery_id),
    attempt          INT NOT NULL CHECK (attempt > 0),
    at               TIMESTAMPTZ NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('SENT', 'DELIVERED', 'RETRY', 'FAILED')),
    error            TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
CREATE TRIGGER delivery_attempts_append_only BEFORE UPDATE OR DELETE ON delivery_attempts
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
