-- Pushed extracts (issue 5). Rows are stored pseudonymised: person ids and linkage keys are keyed
-- HMACs; dates of birth, names and free text never reach this table. Dimensions have typed columns
-- so aggregate queries group in SQL; the rest of a row's released attributes sit in attrs.

-- ONS LSOA 2021 -> local authority district. The embedded default seeds a synthetic lookup for the
-- demo; a deployment loads the ONS lookup (see README, "Geography").
CREATE TABLE lsoa_area (
    lsoa             text  PRIMARY KEY CHECK (lsoa ~ '^[EW]01[0-9]{6}$'),
    local_authority  text  NOT NULL CHECK (local_authority ~ '^[EW]0[6-9][0-9]{6}$')
);

CREATE SEQUENCE submission_id_seq;

CREATE TABLE submission (
    id               bigint       PRIMARY KEY,
    provider         text         NOT NULL,
    feed             text         NOT NULL,
    feed_version     int          NOT NULL,
    period           text         NOT NULL,
    idempotency_key  text,
    sha256           text         NOT NULL,
    media_type       text         NOT NULL,
    rows_received    int          NOT NULL,
    rows_stored      int          NOT NULL,
    rows_rejected    int          NOT NULL,
    row_errors       jsonb,
    status           text         NOT NULL CHECK (status IN ('ACCEPTED', 'REPLACED', 'WITHDRAWN', 'PURGED')),
    submitted_by     text         NOT NULL,
    submitted_at     timestamptz  NOT NULL,
    replaced_by      bigint,
    ended_at         timestamptz,
    ended_by         text
);
CREATE UNIQUE INDEX submission_idempotency ON submission (provider, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX submission_current ON submission (provider, feed, period) WHERE status = 'ACCEPTED';

CREATE TABLE feed_row (
    submission_id    bigint   NOT NULL,
    feed             text     NOT NULL,
    provider         text     NOT NULL,
    line             int      NOT NULL,
    person_id        text,
    linkage_key      text,
    event_date       date,
    event_month      date,
    local_authority  text,
    lsoa             text,
    age_band         text,
    sex              text,
    ethnicity        text,
    attrs            jsonb    NOT NULL
);
CREATE INDEX feed_row_submission ON feed_row (submission_id);
CREATE INDEX feed_row_feed_month ON feed_row (feed, event_month);

GRANT SELECT ON lsoa_area TO ${appRole};
GRANT INSERT ON lsoa_area TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON submission TO ${appRole};
GRANT SELECT, INSERT, DELETE ON feed_row TO ${appRole};
GRANT USAGE ON SEQUENCE submission_id_seq TO ${appRole};
