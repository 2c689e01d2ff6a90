-- Data subject requests (issue 19; UK GDPR Articles 15-18). A request holds only what Pactum derived
-- at the door from the identifiers the requester gave: keyed pseudonyms and linkage keys, never the
-- identifiers themselves. The organisation is the requesting IG lead's (null for an administrator),
-- and bounds whose rows the request can see or act on.
CREATE TABLE subject_request (
    id            text         PRIMARY KEY,
    reference     text         NOT NULL,
    organisation  text,
    created_by    text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    pseudonyms    text[]       NOT NULL,
    linkage_keys  text[]       NOT NULL
);

-- A restriction (Art 18) or erasure (Art 17) of one provider's rows of a feed and period. While it is
-- active it also holds back the person's rows in every later extract for that period (refreshes
-- replace submissions, so the hold is on the period, not on a submission).
CREATE TABLE subject_hold (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id    text         NOT NULL REFERENCES subject_request (id),
    action        text         NOT NULL CHECK (action IN ('RESTRICT', 'ERASE')),
    provider      text         NOT NULL,
    feed          text         NOT NULL,
    period        text         NOT NULL,
    legal_basis   text         NOT NULL,
    created_by    text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    lifted_by     text,
    lifted_at     timestamptz
);
CREATE INDEX subject_hold_active ON subject_hold (provider, feed, period) WHERE lifted_at IS NULL;

-- Restricted rows stay stored but no release selects them.
ALTER TABLE feed_row ADD COLUMN restricted boolean NOT NULL DEFAULT false;
-- How many rows of a push an active request held back (restricted or not stored).
ALTER TABLE submission ADD COLUMN rows_held_back int NOT NULL DEFAULT 0;

GRANT SELECT, INSERT ON subject_request TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON subject_hold TO ${appRole};
GRANT UPDATE (restricted) ON feed_row TO ${appRole};
