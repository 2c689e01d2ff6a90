-- Organisations of the partnership and the feeds they provide (issue 2).

CREATE TABLE organisation (
    code        text         PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text         NOT NULL,
    type        text         NOT NULL,
    areas       text[]       NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    version     int          NOT NULL DEFAULT 0
);

-- A feed's schema is versioned: each version is kept so submissions can name the one they met.
CREATE TABLE feed (
    code           text         NOT NULL,
    version        int          NOT NULL,
    title          text         NOT NULL,
    description    text         NOT NULL,
    provider_type  text         NOT NULL,
    built_in       boolean      NOT NULL,
    aggregate_only boolean      NOT NULL,
    schema         jsonb        NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (code, version)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON organisation, feed TO ${appRole};
