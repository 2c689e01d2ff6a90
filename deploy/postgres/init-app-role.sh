#!/bin/sh
# Creates the application role before Pactum's first migration grants it INSERT/SELECT on the audit log.
# The password reaches the server as a psql variable quoted by psql itself (:'app_password'), so any
# character in it (quotes, backslashes, semicolons) is data, never SQL.
set -eu
: "${PACTUM_APP_PASSWORD:?PACTUM_APP_PASSWORD must be set (deploy/.env)}"
psql -v ON_ERROR_STOP=1 -v app_password="$PACTUM_APP_PASSWORD" \
  --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE pactum_app LOGIN PASSWORD :'app_password';
SQL
