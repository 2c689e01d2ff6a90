-- The hash-chained audit log (issue 3). Append-only: the application role may INSERT and SELECT only,
-- and a trigger rejects UPDATE and DELETE whoever runs them, so rewriting history needs a superuser
-- who disables the trigger, and even then /api/v1/audit/verify names the first broken entry.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE ${appRole} LOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO ${appRole};

CREATE TABLE audit_entry (
    seq                 bigint       PRIMARY KEY,
    occurred_at         timestamptz  NOT NULL,
    actor_subject       text,
    actor_organisation  text,
    actor_roles         text[]       NOT NULL,
    client_address      text,
    action              text         NOT NULL,
    target              text,
    agreement_id        text,
    purpose             text,
    outcome             text         NOT NULL CHECK (outcome IN ('ALLOWED', 'DENIED')),
    reason              text,
    detail              jsonb,
    concerning          text[]       NOT NULL,
    request_id          text,
    prev_hash           char(64)     NOT NULL,
    hash                char(64)     NOT NULL UNIQUE
);

CREATE INDEX audit_entry_time ON audit_entry (occurred_at);
CREATE INDEX audit_entry_action ON audit_entry (action);
CREATE INDEX audit_entry_actor_org ON audit_entry (actor_organisation);
CREATE INDEX audit_entry_agreement ON audit_entry (agreement_id);
CREATE INDEX audit_entry_concerning ON audit_entry USING gin (concerning);

-- The chain head: one row, locked by each append for the duration of that append only.
CREATE TABLE audit_head (
    id    int       PRIMARY KEY CHECK (id = 1),
    seq   bigint    NOT NULL,
    hash  char(64)  NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

GRANT SELECT, INSERT ON audit_entry TO ${appRole};
GRANT SELECT, UPDATE ON audit_head TO ${appRole};
