-- A coarser cube beside release_cube (issue 14): month, local authority, age band and sex only.
-- The finest cube keeps ethnicity and every categorical attribute, so it holds almost as many
-- cells as rows; the tables analysts ask for most (council x month x age band x sex) need none of
-- those, and read this one, tens of times smaller. Rebuilt from release_cube for the same
-- submission in the same transaction. Citus: distributed by provider, co-located with feed_row.
CREATE TABLE release_cube_core (
    feed             text     NOT NULL,
    provider         text     NOT NULL,
    submission_id    bigint   NOT NULL,
    event_month      date,
    local_authority  text,
    age_band         text,
    sex              text,
    rows             bigint   NOT NULL,
    hash_sum         numeric  NOT NULL
);
CREATE INDEX release_cube_core_submission ON release_cube_core (submission_id);
CREATE INDEX release_cube_core_feed_month ON release_cube_core (feed, event_month);

INSERT INTO release_cube_core
SELECT feed, provider, submission_id, event_month, local_authority, age_band, sex,
       sum(rows), sum(hash_sum)
FROM release_cube
GROUP BY feed, provider, submission_id, event_month, local_authority, age_band, sex;

GRANT SELECT, INSERT, DELETE ON release_cube_core TO ${appRole};
