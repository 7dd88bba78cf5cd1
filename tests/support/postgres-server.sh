#!/usr/bin/env bash
# A PostgreSQL server for the tests, on Debian or Ubuntu, as root (CI runs it; so can you:
# `sudo bash tests/support/postgres-server.sh`). It installs the distribution's server and
# makes a cluster of its own for the tests ("plo_test", port 5439, listening on localhost
# only), apart from any real cluster on the machine: its data may be lost in a crash
# (fsync is off, for speed), which a real server must never allow. The role the tests use
# by default is plo_test (password plo_test), allowed to create databases: each test
# makes its own.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PORT=5439
if ! command -v pg_createcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters --no-header | awk '{print $1, $2}' | grep -qx "$version plo_test"; then
    pg_createcluster "$version" plo_test --port "$PORT" \
        -o listen_addresses=localhost -o fsync=off -o synchronous_commit=off \
        -o full_page_writes=off -o max_connections=300 -o timezone=UTC >/dev/null
fi
pg_ctlcluster "$version" plo_test start 2>/dev/null || true
for _ in $(seq 1 30); do
    pg_isready -q -h localhost -p "$PORT" && break
    sleep 1
done
su postgres -c "psql -q -p $PORT -v ON_ERROR_STOP=1" <<'SQL'
SELECT 'CREATE ROLE plo_test LOGIN CREATEDB PASSWORD ''plo_test'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plo_test') \gexec
SELECT 'CREATE DATABASE plo_test OWNER plo_test'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'plo_test') \gexec
SQL
echo "PostgreSQL $version is running on localhost:$PORT for the tests (role plo_test)."
