-- The customer's side of a notice: the visit they booked for a ticket, and the notices they said they have seen.
-- Written by the alerts API (docs/tickets.md, "Booking a visit"). Every booking change is also appended to the
-- ticket's history in ticket_events; this table holds only the current state.

-- One booking per ticket: rebooking another slot moves it, cancelling keeps the row as CANCELLED.
CREATE TABLE bookings (
    ticket_id    TEXT PRIMARY KEY REFERENCES tickets (ticket_id),
    customer_id  TEXT NOT NULL REFERENCES customers (customer_id),
    status       TEXT NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED')),
    -- MORNING or AFTERNOON of local_date in the customer's time zone, as an interval of instants
    slot_window  TEXT NOT NULL CHECK (slot_window IN ('MORNING', 'AFTERNOON')),
    local_date   DATE NOT NULL,
    time_zone    TEXT NOT NULL,
    slot_start   TIMESTAMPTZ NOT NULL,
    slot_end     TIMESTAMPTZ NOT NULL CHECK (slot_end > slot_start),
    booked_by    TEXT NOT NULL,
    booked_at    TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
-- Capacity checks count the visits booked in one slot.
CREATE INDEX bookings_booked_slot ON bookings (slot_start) WHERE status = 'BOOKED';

-- "I've seen it": once per reminder, by its customer.
CREATE TABLE reminder_acknowledgements (
    reminder_id      TEXT PRIMARY KEY REFERENCES reminders (reminder_id),
    customer_id      TEXT NOT NULL REFERENCES customers (customer_id),
    acknowledged_by  TEXT NOT NULL,
    acknowledged_at  TIMESTAMPTZ NOT NULL
);
