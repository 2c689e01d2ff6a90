-- Partner systems (issue 7): the Keycloak clients that push extracts for an organisation. The client
-- secret is shown once at onboarding and never stored here.
CREATE TABLE partner_system (
    client_id     text         PRIMARY KEY,
    organisation  text         NOT NULL REFERENCES organisation (code),
    keycloak_id   text         NOT NULL,
    description   text,
    status        text         NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at    timestamptz  NOT NULL,
    created_by    text         NOT NULL,
    disabled_at   timestamptz,
    disabled_by   text,
    version       int          NOT NULL DEFAULT 0
);
CREATE INDEX partner_system_organisation ON partner_system (organisation);
GRANT SELECT, INSERT, UPDATE ON partner_system TO ${appRole};
