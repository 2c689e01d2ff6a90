#!/bin/sh
# Creates the application role before Pactum's first migration grants it INSERT/SELECT on the audit log.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE pactum_app LOGIN PASSWORD '${PACTUM_APP_PASSWORD}';
SQL
