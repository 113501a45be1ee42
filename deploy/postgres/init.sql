-- PostgreSQL bootstrap for the production shape: one login role `ets` and one database per service.
--
-- Run by the official postgres image on an empty data directory (/docker-entrypoint-initdb.d, as the superuser,
-- through psql with ON_ERROR_STOP). Also usable by hand against a managed server, e.g.
--   ETS_DB_PASSWORD=... psql "host=... user=<admin> dbname=postgres" -v ON_ERROR_STOP=1 -f deploy/postgres/init.sql
-- It is idempotent: re-running creates only what is missing and resets the role's password.
--
-- The password comes from the environment variable ETS_DB_PASSWORD (psql >= 15 `\getenv`), never from this file.
-- Tables are not created here: each service applies its own Alembic migrations to its own database.

\getenv ets_password ETS_DB_PASSWORD
\if :{?ets_password}
\else
  \warn 'init.sql: ETS_DB_PASSWORD is not set in the environment of psql'
  DO $$ BEGIN RAISE EXCEPTION 'ETS_DB_PASSWORD must be set to create the ets role'; END $$;
\endif

SELECT 'CREATE ROLE ets LOGIN'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ets')
\gexec
ALTER ROLE ets WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'ets_password';

-- CREATE DATABASE cannot run inside a DO block or a transaction, hence SELECT ... \gexec.
SELECT 'CREATE DATABASE ets_allocation OWNER ets ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ets_allocation')
\gexec
SELECT 'CREATE DATABASE ets_mrv OWNER ets ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ets_mrv')
\gexec
SELECT 'CREATE DATABASE ets_verifier_oversight OWNER ets ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ets_verifier_oversight')
\gexec
SELECT 'CREATE DATABASE ets_exchange OWNER ets ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ets_exchange')
\gexec
SELECT 'CREATE DATABASE ets_enforcement OWNER ets ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ets_enforcement')
\gexec

-- Only the owner connects; nothing is reachable through PUBLIC.
REVOKE ALL ON DATABASE ets_allocation, ets_mrv, ets_verifier_oversight, ets_exchange, ets_enforcement FROM PUBLIC;
