-- A prediction made while its device was under maintenance (a technician at work, or the readings still settling
-- after a visit) opens and escalates no ticket and sends no reminder, but is kept as evidence, marked with why.
-- NULL: the prediction was acted on. Written by the stream job; see docs/maintenance.md.
-- (Version 4: V2 and V3 are the alerts API's, in alerts-api/src/main/resources/db/migration.)
ALTER TABLE predictions ADD COLUMN suppressed_by TEXT
    CHECK (suppressed_by IN ('VISIT_IN_PROGRESS', 'SETTLING_AFTER_VISIT'));
