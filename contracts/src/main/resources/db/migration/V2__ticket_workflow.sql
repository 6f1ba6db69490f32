-- Ticket workflow: reopening, outcomes, optimistic versions, both SLA clocks, comments, recorded breaches and
-- satisfaction surveys. The history in ticket_events stays the source of truth: a trigger on it stops the clocks,
-- whoever writes the event (the API, the stream job, a test seed).

-- REOPENED: a resolved or closed ticket back in work. It still counts as the one open ticket of its device and mode.
ALTER TABLE tickets DROP CONSTRAINT tickets_status_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
    CHECK (status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED'));
DROP INDEX tickets_one_open_per_mode;
CREATE UNIQUE INDEX tickets_one_open_per_mode ON tickets (device_id, failure_mode)
    WHERE status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED');

-- How long a fix may take, by priority, counted from opening.
CREATE FUNCTION resolution_target(priority TEXT) RETURNS INTERVAL LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE priority
        WHEN 'URGENT' THEN INTERVAL '24 hours'
        WHEN 'HIGH' THEN INTERVAL '72 hours'
        WHEN 'NORMAL' THEN INTERVAL '7 days'
        ELSE INTERVAL '14 days'
    END
$$;

ALTER TABLE tickets
    -- bumped whenever status, assignment or priority changes; clients send it back in If-Match
    ADD COLUMN version             INT NOT NULL DEFAULT 1,
    ADD COLUMN resolution_due      TIMESTAMPTZ,
    -- when each clock stopped, and whether the promise was kept then (null while the clock runs)
    ADD COLUMN first_responded_at  TIMESTAMPTZ,
    ADD COLUMN first_response_met  BOOLEAN,
    ADD COLUMN resolved_at         TIMESTAMPTZ,
    ADD COLUMN resolution_met      BOOLEAN,
    ADD COLUMN outcome             TEXT CHECK (outcome IN
        ('FAILURE_CONFIRMED', 'NO_FAULT_FOUND', 'PART_REPLACED', 'PREVENTIVE_SERVICE_DONE')),
    ADD COLUMN outcome_part        TEXT,
    ADD CONSTRAINT tickets_part_only_when_replaced CHECK ((outcome = 'PART_REPLACED') = (outcome_part IS NOT NULL));

UPDATE tickets SET resolution_due = opened_at + resolution_target(priority);
ALTER TABLE tickets ALTER COLUMN resolution_due SET NOT NULL;

-- Fills the resolution due time of a new ticket; an escalation may only bring it closer. Bumps the version.
CREATE FUNCTION ticket_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.resolution_due := COALESCE(NEW.resolution_due, NEW.opened_at + resolution_target(NEW.priority));
        RETURN NEW;
    END IF;
    IF NEW.priority IS DISTINCT FROM OLD.priority THEN
        NEW.resolution_due := LEAST(OLD.resolution_due, now() + resolution_target(NEW.priority));
    END IF;
    IF (NEW.status, NEW.assigned_technician, NEW.priority)
            IS DISTINCT FROM (OLD.status, OLD.assigned_technician, OLD.priority) THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER tickets_before_write BEFORE INSERT OR UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION ticket_before_write();

ALTER TABLE ticket_events ADD COLUMN technician_id TEXT REFERENCES technicians (technician_id);

-- The first move out of OPEN stops the first-response clock; RESOLVED stops the resolution clock, REOPENED
-- restarts it against the same due time. Met or missed is decided at that moment and kept.
CREATE FUNCTION ticket_event_stops_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.to_status <> 'OPEN' THEN
        UPDATE tickets SET first_responded_at = NEW.at, first_response_met = NEW.at <= first_response_due
            WHERE ticket_id = NEW.ticket_id AND (first_responded_at IS NULL OR first_responded_at > NEW.at);
    END IF;
    IF NEW.to_status = 'RESOLVED' THEN
        UPDATE tickets SET resolved_at = NEW.at, resolution_met = NEW.at <= resolution_due
            WHERE ticket_id = NEW.ticket_id;
    ELSIF NEW.to_status = 'REOPENED' THEN
        UPDATE tickets SET resolved_at = NULL, resolution_met = NULL WHERE ticket_id = NEW.ticket_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ticket_events_stop_clocks AFTER INSERT ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_event_stops_clocks();

-- Clocks of tickets already in the history when this migration runs.
UPDATE tickets t SET first_responded_at = e.at, first_response_met = e.at <= t.first_response_due
    FROM (SELECT ticket_id, min(at) AS at FROM ticket_events WHERE to_status <> 'OPEN' GROUP BY ticket_id) e
    WHERE e.ticket_id = t.ticket_id;
UPDATE tickets t SET resolved_at = e.at, resolution_met = e.at <= t.resolution_due
    FROM (SELECT ticket_id, max(at) AS at FROM ticket_events WHERE to_status = 'RESOLVED' GROUP BY ticket_id) e
    WHERE e.ticket_id = t.ticket_id AND t.status IN ('RESOLVED', 'CLOSED');

CREATE INDEX tickets_assigned ON tickets (assigned_technician, status) WHERE assigned_technician IS NOT NULL;
CREATE INDEX tickets_opened ON tickets (opened_at);

-- Work notes on a ticket: append-only, like its history.
CREATE TABLE ticket_comments (
    comment_id   BIGSERIAL PRIMARY KEY,
    ticket_id    TEXT NOT NULL REFERENCES tickets (ticket_id),
    at           TIMESTAMPTZ NOT NULL,
    author       TEXT NOT NULL,
    author_role  TEXT NOT NULL,
    body         TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000)
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, comment_id);
CREATE TRIGGER ticket_comments_append_only BEFORE UPDATE OR DELETE ON ticket_comments
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Each missed promise once: the key makes the announcement happen exactly once.
CREATE TABLE sla_breaches (
    ticket_id    TEXT NOT NULL REFERENCES tickets (ticket_id),
    clock        TEXT NOT NULL CHECK (clock IN ('FIRST_RESPONSE', 'RESOLUTION')),
    due_at       TIMESTAMPTZ NOT NULL,
    detected_at  TIMESTAMPTZ NOT NULL,
    -- one key for paging the list
    breach_id    TEXT GENERATED ALWAYS AS (ticket_id || '/' || clock) STORED,
    PRIMARY KEY (ticket_id, clock)
);
CREATE INDEX sla_breaches_detected ON sla_breaches (detected_at DESC, breach_id DESC);

-- The customer's answer after a resolution: one per ticket.
CREATE TABLE satisfaction_surveys (
    ticket_id    TEXT PRIMARY KEY REFERENCES tickets (ticket_id),
    customer_id  TEXT NOT NULL REFERENCES customers (customer_id),
    answered_by  TEXT NOT NULL,
    answered_at  TIMESTAMPTZ NOT NULL,
    csat         INT NOT NULL CHECK (csat BETWEEN 1 AND 5),
    nps          INT NOT NULL CHECK (nps BETWEEN 0 AND 10),
    comment      TEXT CHECK (length(comment) <= 2000)
);
CREATE INDEX satisfaction_surveys_answered ON satisfaction_surveys (answered_at DESC, ticket_id);
