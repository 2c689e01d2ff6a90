-- Data-sharing agreements (issue 4). An agreement keeps every version, every approval (bound to the
-- content hash it approved) and every state change: the full history an IG lead must be able to show.

CREATE TABLE agreement (
    id              text         PRIMARY KEY,
    status          text         NOT NULL CHECK (status IN ('DRAFT', 'PROPOSED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'REVOKED')),
    current_version int          NOT NULL,
    parties         text[]       NOT NULL,
    recipients      text[]       NOT NULL,
    valid_to        date         NOT NULL,
    review_date     date         NOT NULL,
    status_reason   text,
    suspended_by    text,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    row_version     int          NOT NULL DEFAULT 0
);
CREATE INDEX agreement_parties ON agreement USING gin (parties);
CREATE INDEX agreement_status ON agreement (status);

CREATE TABLE agreement_version (
    agreement_id    text         NOT NULL REFERENCES agreement (id),
    version         int          NOT NULL,
    content         jsonb        NOT NULL,
    content_hash    text         NOT NULL,
    created_at      timestamptz  NOT NULL,
    created_by      text         NOT NULL,
    created_by_org  text,
    PRIMARY KEY (agreement_id, version)
);

CREATE TABLE agreement_approval (
    agreement_id    text         NOT NULL,
    version         int          NOT NULL,
    organisation    text         NOT NULL,
    approver        text         NOT NULL,
    content_hash    text         NOT NULL,
    approved_at     timestamptz  NOT NULL,
    PRIMARY KEY (agreement_id, version, organisation),
    FOREIGN KEY (agreement_id, version) REFERENCES agreement_version (agreement_id, version)
);

CREATE TABLE agreement_event (
    id              bigserial    PRIMARY KEY,
    agreement_id    text         NOT NULL REFERENCES agreement (id),
    version         int          NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    action          text         NOT NULL,
    from_status     text,
    to_status       text         NOT NULL,
    actor           text         NOT NULL,
    actor_org       text,
    reason          text
);
CREATE INDEX agreement_event_agreement ON agreement_event (agreement_id, id);

GRANT SELECT, INSERT, UPDATE ON agreement, agreement_version, agreement_approval, agreement_event TO ${appRole};
GRANT USAGE ON SEQUENCE agreement_event_id_seq TO ${appRole};
