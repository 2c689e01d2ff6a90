-- The embedded default seeds its demo partnership in stages; each stage commits together with its row
-- here (or, for the extracts, after idempotent pushes), so a start after a crash (kill -9 between the
-- organisations and the agreements, say) resumes at the first stage without a row instead of leaving a
-- half-seeded demo for ever (issue 11).
CREATE TABLE demo_seed_stage (
    stage        text PRIMARY KEY,
    value        text,
    completed_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON demo_seed_stage TO ${appRole};

-- A demo seeded before stages existed counts as complete: what it did can no longer be told apart.
INSERT INTO demo_seed_stage (stage)
SELECT stage FROM unnest(ARRAY['partnership', 'extracts', 'probation-extension']) AS stage
WHERE EXISTS (SELECT 1 FROM organisation WHERE code = 'wm-vrp');
