-- The release-history check asks which of a table's cell descriptors this recipient was already
-- shown. The primary key leads with the fingerprint, so that question scanned every entry the
-- recipient had recorded, and each release grew slower than the last (issue 14).
CREATE INDEX release_history_descriptor
    ON release_history (agreement_id, recipient, descriptor)
    WHERE kind = 'RELEASED';
