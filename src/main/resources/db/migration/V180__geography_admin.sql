-- Geography as an admin operation (issue 17): PUT /api/v1/geography/lsoa replaces the ONS LSOA 2021 ->
-- local authority lookup atomically, and keeps the authorities' names so releases can show them beside
-- their codes. The application role may replace both tables' contents; nothing else writes them.
CREATE TABLE local_authority (
    code  text  PRIMARY KEY CHECK (code ~ '^[EW]0[6-9][0-9]{6}$'),
    name  text  NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);

GRANT SELECT, INSERT, DELETE ON local_authority TO ${appRole};
GRANT DELETE ON lsoa_area TO ${appRole};
