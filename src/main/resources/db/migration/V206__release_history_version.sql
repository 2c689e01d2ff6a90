-- Issue 14: how many times each recipient's release history under an agreement has been written.
-- Every write of release_history bumps it in the same statement, so a release that finds the number
-- unchanged knows the history it would read is the one it decided a remembered table against
-- (DecidedHistory): a repeated table then needs one indexed read instead of thousands of lookups.
CREATE TABLE release_history_version (
    agreement_id  text    NOT NULL,
    recipient     text    NOT NULL,
    version       bigint  NOT NULL,
    PRIMARY KEY (agreement_id, recipient)
);
INSERT INTO release_history_version (agreement_id, recipient, version)
    SELECT DISTINCT agreement_id, recipient, 1 FROM release_history;

GRANT SELECT, INSERT, UPDATE ON release_history_version TO ${appRole};
