-- A verifiable audit log (issue 16): an RFC 9162 Merkle tree over the entries, signed C2SP
-- checkpoints, witness cosignatures, and no global row lock per request (issue 11, "Audit head").
--
-- Sequencing: each append takes its seq from a sequence (no lock held until commit) and holds a
-- transaction-scoped advisory lock on that seq, so the integrator can tell an in-flight entry from one
-- whose transaction rolled back. The integrator folds committed entries into the tree in seq order,
-- asynchronously, and signs a checkpoint. Entries written from now on carry no prev_hash: the tree and
-- its signed checkpoints replace the hash chain, whose earlier links stay verifiable as they are.

ALTER TABLE audit_entry ALTER COLUMN prev_hash DROP NOT NULL;

CREATE SEQUENCE audit_entry_seq AS bigint;
SELECT setval('audit_entry_seq', greatest((SELECT max(seq) FROM audit_entry), 1),
              (SELECT max(seq) FROM audit_entry) IS NOT NULL);
GRANT USAGE ON SEQUENCE audit_entry_seq TO ${appRole};

-- The old chain head is frozen where the hash chain ends: nobody may move it any more, and the
-- application role may not even try (issue 11: only appending moves the head, which is now the
-- latest checkpoint).
REVOKE UPDATE, DELETE, INSERT ON audit_head FROM ${appRole};
CREATE TRIGGER audit_head_frozen
    BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_head_no_truncate
    BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- Every perfect subtree of the tree: level 0 holds leaf hashes (leaf index = seq - 1), level L index I
-- covers leaves [I * 2^L, (I + 1) * 2^L). Complete subtrees never change, so any proof for any size up
-- to the latest checkpoint is a few lookups.
CREATE TABLE audit_tree_node (
    level  smallint  NOT NULL CHECK (level BETWEEN 0 AND 62),
    idx    bigint    NOT NULL CHECK (idx >= 0),
    hash   bytea     NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- Signed checkpoints (C2SP tlog-checkpoint notes). The latest is the head: it moves only by
-- appending a larger tree, and no stored checkpoint is ever rewritten.
CREATE TABLE audit_checkpoint (
    tree_size   bigint       PRIMARY KEY CHECK (tree_size >= 0),
    root_hash   bytea        NOT NULL CHECK (length(root_hash) = 32),
    note        text         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE FUNCTION audit_checkpoint_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_checkpoint WHERE tree_size >= NEW.tree_size) THEN
        RAISE EXCEPTION 'audit checkpoints only grow: a checkpoint of this size or larger exists'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_checkpoint_grows
    BEFORE INSERT ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_only_grows();

-- Witnesses: one Ed25519 key per organisation (its IG lead), registered on first cosignature.
CREATE TABLE audit_witness (
    organisation   text         PRIMARY KEY,
    key_name       text         NOT NULL UNIQUE,
    public_key     bytea        NOT NULL CHECK (length(public_key) = 32),
    registered_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE audit_cosignature (
    organisation    text         NOT NULL REFERENCES audit_witness (organisation),
    tree_size       bigint       NOT NULL REFERENCES audit_checkpoint (tree_size),
    cosigned_at     bigint       NOT NULL,
    signature_line  text         NOT NULL,
    recorded_at     timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation, tree_size)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['audit_tree_node', 'audit_checkpoint', 'audit_witness', 'audit_cosignature'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW '
                       'EXECUTE FUNCTION audit_entry_append_only()', t || '_append_only', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                       'EXECUTE FUNCTION audit_entry_append_only()', t || '_no_truncate', t);
        EXECUTE format('GRANT SELECT, INSERT ON %I TO ${appRole}', t);
    END LOOP;
END
$$;
