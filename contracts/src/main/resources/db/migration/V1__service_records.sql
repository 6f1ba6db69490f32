-- Service records: the legal record of what was predicted, promised and done.
-- Rows written by the stream job are keyed by deterministic ids, so replays are no-ops.

CREATE TABLE customers (
    customer_id      TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    email            TEXT,
    phone            TEXT,
    language         TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'zh')),
    channels         TEXT[] NOT NULL DEFAULT ARRAY['EMAIL'],
    quiet_start      TIME,
    quiet_end        TIME,
    time_zone        TEXT NOT NULL DEFAULT 'UTC',
    max_notices_per_week INT NOT NULL DEFAULT 3 CHECK (max_notices_per_week > 0)
);

CREATE TABLE devices (
    device_id        TEXT PRIMARY KEY,
    product_model    TEXT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (customer_id),
    region           TEXT NOT NULL,
    location         TEXT,
    installed_on     DATE NOT NULL,
    warranty_end     DATE NOT NULL
);
CREATE INDEX devices_customer ON devices (customer_id);

CREATE TABLE technicians (
    technician_id    TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    region           TEXT NOT NULL,
    skills           TEXT[] NOT NULL,
    capacity         INT NOT NULL DEFAULT 5 CHECK (capacity > 0)
);

CREATE TABLE users (
    username         TEXT PRIMARY KEY,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'technician', 'customer')),
    customer_id      TEXT REFERENCES customers (customer_id),
    technician_id    TEXT REFERENCES technicians (technician_id),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (role <> 'customer' OR customer_id IS NOT NULL),
    CHECK (role <> 'technician' OR technician_id IS NOT NULL)
);

CREATE TABLE predictions (
    prediction_id        TEXT PRIMARY KEY,
    device_id            TEXT NOT NULL,
    product_model        TEXT NOT NULL,
    failure_mode         TEXT NOT NULL,
    detected_at          TIMESTAMPTZ NOT NULL,
    estimated_failure_at TIMESTAMPTZ NOT NULL,
    confidence           DOUBLE PRECISION NOT NULL,
    health_index         DOUBLE PRECISION NOT NULL,
    anomaly_score        DOUBLE PRECISION NOT NULL,
    threshold            DOUBLE PRECISION NOT NULL,
    model_version        TEXT NOT NULL,
    evidence             JSONB NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX predictions_device ON predictions (device_id, detected_at DESC);

CREATE TABLE tickets (
    ticket_id            TEXT PRIMARY KEY,
    kind                 TEXT NOT NULL CHECK (kind IN ('PREDICTED_FAILURE', 'PREVENTIVE_PLAN')),
    device_id            TEXT NOT NULL,
    product_model        TEXT NOT NULL,
    failure_mode         TEXT NOT NULL,
    prediction_id        TEXT REFERENCES predictions (prediction_id),
    priority             TEXT NOT NULL CHECK (priority IN ('URGENT', 'HIGH', 'NORMAL', 'LOW')),
    status               TEXT NOT NULL CHECK (status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
    opened_at            TIMESTAMPTZ NOT NULL,
    first_response_due   TIMESTAMPTZ NOT NULL,
    predicted_failure_at TIMESTAMPTZ,
    service_charge       TEXT NOT NULL CHECK (service_charge IN ('FREE', 'PAID')),
    required_skill       TEXT NOT NULL,
    technician_actions   JSONB NOT NULL,
    summary              TEXT NOT NULL,
    assigned_technician  TEXT REFERENCES technicians (technician_id),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One open ticket per device and failure mode.
CREATE UNIQUE INDEX tickets_one_open_per_mode ON tickets (device_id, failure_mode)
    WHERE status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS');
CREATE INDEX tickets_status ON tickets (status, priority, opened_at);

-- The audit trail: append-only, enforced by trigger.
CREATE TABLE ticket_events (
    event_id     BIGSERIAL PRIMARY KEY,
    ticket_id    TEXT NOT NULL REFERENCES tickets (ticket_id),
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor        TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    note         TEXT,
    -- set by writers that may replay (the stream job), so a replayed event is recorded once
    dedupe_key   TEXT UNIQUE
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, event_id);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER ticket_events_append_only BEFORE UPDATE OR DELETE ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE reminders (
    reminder_id      TEXT PRIMARY KEY,
    ticket_id        TEXT NOT NULL REFERENCES tickets (ticket_id),
    device_id        TEXT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (customer_id),
    language         TEXT NOT NULL,
    channel          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('QUEUED', 'HELD', 'SENT', 'DELIVERED', 'FAILED')),
    created_at       TIMESTAMPTZ NOT NULL,
    title            TEXT NOT NULL,
    what_we_found    TEXT NOT NULL,
    why_it_matters   TEXT NOT NULL,
    what_to_do       TEXT NOT NULL,
    how_to_book      TEXT NOT NULL
);
CREATE INDEX reminders_customer ON reminders (customer_id, created_at DESC);

-- Telemetry the ingest rejected, kept for inspection with its reason.
CREATE TABLE dead_letters (
    dead_letter_id   TEXT PRIMARY KEY,
    received_at      TIMESTAMPTZ NOT NULL,
    topic            TEXT NOT NULL,
    device_id        TEXT,
    reason           TEXT NOT NULL,
    field            TEXT,
    detail           TEXT NOT NULL,
    payload          BYTEA NOT NULL
);
CREATE INDEX dead_letters_reason ON dead_letters (reason, received_at DESC);
