-- Pre-aggregated cells for releases (issue 14): per submission, the count and hash sum of its
-- unrestricted rows at the finest grain any agreement may release without LSOA: event month, local
-- authority, age band, sex, ethnicity and the feed's categorical attributes (in attrs, by field
-- name). An aggregate of rows adds cells up instead of scanning rows; the cell key method reads the
-- low byte of the hash sum mod 2^64. A submission's cells are rebuilt from its rows in the same
-- transaction as any change to them, so the cube never disagrees with feed_row.
--
-- Citus: distribute by provider, co-located with feed_row (INSERT ... SELECT of a rebuild groups by
-- provider, so it runs on the shard); no foreign keys, no triggers.
CREATE TABLE release_cube (
    feed             text     NOT NULL,
    provider         text     NOT NULL,
    submission_id    bigint   NOT NULL,
    event_month      date,
    local_authority  text,
    age_band         text,
    sex              text,
    ethnicity        text,
    attrs            jsonb    NOT NULL,
    rows             bigint   NOT NULL,
    hash_sum         numeric  NOT NULL
);
CREATE INDEX release_cube_submission ON release_cube (submission_id);
CREATE INDEX release_cube_feed_month ON release_cube (feed, event_month);

-- Submissions whose cells are still to be built: those stored before this migration, drained at
-- start-up (CubeBackfill), each in its own transaction.
CREATE TABLE release_cube_pending (
    submission_id  bigint  PRIMARY KEY
);
INSERT INTO release_cube_pending (submission_id) SELECT DISTINCT submission_id FROM feed_row;

GRANT SELECT, INSERT, DELETE ON release_cube TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON release_cube_pending TO ${appRole};
