-- Disclosure control across queries (issues 13 and 20).
--
-- Every stored row carries a persistent 64-bit record hash: a keyed HMAC (under a key derived from
-- the storage key) of the row's stable identity, computed at ingest. Its low byte is the record key
-- (0..255) of the cell key method; the whole hash makes a cell's record set recognisable (count and
-- hash sum) for the history-aware release check. A refreshed extract gives unchanged records the
-- same hash, so a refresh is no differencing channel. Rows stored before this migration have none
-- until the backfill at start-up gives them one.
ALTER TABLE feed_row ADD COLUMN record_hash bigint;
ALTER TABLE feed_row ADD COLUMN record_key smallint GENERATED ALWAYS AS ((record_hash & 255)::smallint) STORED;

-- Release history per agreement and recipient organisation: the fingerprints (SHA-256 over the
-- measure, the record count and the hash sum of a cell's record set; never the records) of cells
-- released (RELEASED, with the digest of the cell's descriptor) and of their near neighbours that
-- differ from them by fewer than the threshold's worth of records (BLOCKED).
CREATE TABLE release_history (
    agreement_id  text         NOT NULL,
    recipient     text         NOT NULL,
    kind          text         NOT NULL CHECK (kind IN ('RELEASED', 'BLOCKED')),
    fingerprint   text         NOT NULL,
    descriptor    text         NOT NULL,
    recorded_at   timestamptz  NOT NULL,
    PRIMARY KEY (agreement_id, recipient, fingerprint, kind, descriptor)
);

-- The per-recipient query budget: tables drawn per agreement, recipient organisation and feed in one
-- fixed window.
CREATE TABLE release_budget (
    agreement_id  text    NOT NULL,
    recipient     text    NOT NULL,
    feed          text    NOT NULL,
    window_start  date    NOT NULL,
    tables_drawn  int     NOT NULL,
    PRIMARY KEY (agreement_id, recipient, feed, window_start)
);

GRANT UPDATE (record_hash) ON feed_row TO ${appRole};
GRANT SELECT, INSERT ON release_history TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON release_budget TO ${appRole};
