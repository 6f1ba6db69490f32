-- How a prediction's failure time was estimated, and what each evidence item is compared with, as fields of their
-- own (PredictedFailure schema version 2, docs/contracts/predicted-failure.md). Before, the stream job marked them
-- with suffixes: '#supervised' on the model version for the supervised time-to-failure model's estimate, and
-- ' (this device''s usual range)' on the sensor name of the evidence item from the device's own baseline. The rows
-- written then are rewritten here into the new shape, so every reader sees one shape.

ALTER TABLE predictions ADD COLUMN estimate_method TEXT
    CHECK (estimate_method IN ('TREND_EXTRAPOLATION', 'SUPERVISED_MODEL'));

UPDATE predictions
SET estimate_method = CASE WHEN right(model_version, length('#supervised')) = '#supervised'
                           THEN 'SUPERVISED_MODEL' ELSE 'TREND_EXTRAPOLATION' END,
    model_version = CASE WHEN right(model_version, length('#supervised')) = '#supervised'
                         THEN left(model_version, -length('#supervised')) ELSE model_version END;

-- Every writer states the method from now on: no default.
ALTER TABLE predictions ALTER COLUMN estimate_method SET NOT NULL;

-- Each evidence item gets its kind; the device-baseline item loses its suffix. Items keep their order.
UPDATE predictions p
SET evidence = (
    SELECT jsonb_agg(
        CASE
            WHEN item ? 'kind' THEN item
            WHEN right(item ->> 'feature', length(' (this device''s usual range)')) = ' (this device''s usual range)'
                THEN item || jsonb_build_object(
                    'feature', left(item ->> 'feature', -length(' (this device''s usual range)')),
                    'kind', 'DEVICE_BASELINE')
            ELSE item || jsonb_build_object('kind', 'PRODUCT_MODEL')
        END ORDER BY position)
    FROM jsonb_array_elements(p.evidence) WITH ORDINALITY AS items (item, position))
WHERE jsonb_typeof(p.evidence) = 'array' AND jsonb_array_length(p.evidence) > 0;
