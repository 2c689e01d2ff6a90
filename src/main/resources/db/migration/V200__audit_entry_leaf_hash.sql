-- Each entry's RFC 9162 leaf hash, computed when the entry is written (as tessera's appenders do),
-- so that the integrator folds leaves into the tree without re-reading and re-encoding every entry.
-- Entries written before this column stay NULL and are hashed from their content when integrated.
-- Verify still recomputes every leaf from the entry and compares it with the tree.
ALTER TABLE audit_entry ADD COLUMN leaf_hash bytea CHECK (leaf_hash IS NULL OR length(leaf_hash) = 32);
