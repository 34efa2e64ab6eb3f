# A throwaway PostgreSQL cluster for scripts (sourced by scripts/pg-test and scripts/scale-test): Debian's
# postgresql package (installed when missing, as root), a cluster of its own in a private temp dir on a free
# loopback port, a database `assistx` and an account with only the rights the gateway needs (it logs in,
# connects to its database and owns its schema `assistx`; no superuser, nothing in `public`).
#
#   pg_cluster_start     sets BIN, PG_WORK, PG_PORT, JDBC_URL, DB, DB_USER, DB_PASSWORD; psql_admin runs SQL
#   pg_cluster_stop      stops the cluster and removes it (call it from the script's EXIT trap)

# shellcheck source=script-common.sh
. scripts/lib/script-common.sh

pg_bin() {
  local v
  v=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)
  [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/initdb" ] && echo "/usr/lib/postgresql/$v/bin"
}

PG_STARTED=no
PG_WORK=

pg_cluster_start() {
  BIN=$(pg_bin || true)
  if [ -z "$BIN" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL is not installed and this is not root: apt-get install postgresql" >&2; return 1
    fi
    apt-get update -q
    # Only the server binaries are needed; the package's own default cluster is neither used nor required.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    BIN=$(pg_bin)
  fi
  echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') from $BIN"

  # The cluster never runs as root: as root it runs as `postgres` (created by the package).
  if [ "$(id -u)" -eq 0 ]; then
    PG_OWNER=postgres
    as_owner() { runuser -u "$PG_OWNER" -- "$@"; }
  else
    PG_OWNER=$(id -un)
    as_owner() { "$@"; }
  fi

  PG_WORK=$(mktemp -d /tmp/assistx-pg.XXXXXX)
  chmod 700 "$PG_WORK"
  [ "$(id -u)" -eq 0 ] && chown "$PG_OWNER" "$PG_WORK"
  PGDATA="$PG_WORK/data"

  as_owner "$BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$PG_WORK/initdb.log" 2>&1 \
    || { cat "$PG_WORK/initdb.log" >&2; return 1; }

  PG_PORT=
  local p
  for _ in $(seq 1 20); do
    p=$((20000 + RANDOM % 20000))
    port_free "$p" || continue
    # Loopback only; the Unix socket lives in the private temp dir (mode 700), so `trust` there reaches no one else.
    if as_owner "$BIN/pg_ctl" -D "$PGDATA" -l "$PG_WORK/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -c port=$p -c unix_socket_directories=$PG_WORK -c fsync=off -c max_connections=300 -c shared_buffers=128MB" \
         start >/dev/null; then
      PG_PORT=$p; PG_STARTED=yes; break
    fi
  done
  [ -n "$PG_PORT" ] || { echo "the PostgreSQL cluster did not start" >&2; cat "$PG_WORK/server.log" >&2 || true; return 1; }
  echo "PostgreSQL cluster in $PG_WORK on 127.0.0.1:$PG_PORT"

  DB=assistx
  DB_USER=assistx
  DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  psql_admin -d postgres <<SQL
CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE DATABASE $DB OWNER postgres ENCODING 'UTF8';
REVOKE ALL ON DATABASE $DB FROM PUBLIC;
GRANT CONNECT ON DATABASE $DB TO $DB_USER;
SQL
  psql_admin -d "$DB" <<SQL
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA assistx AUTHORIZATION $DB_USER;
ALTER ROLE $DB_USER IN DATABASE $DB SET search_path = assistx;
SQL
  JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB"
}

psql_admin() { as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_WORK" -p "$PG_PORT" -U postgres "$@"; }

pg_cluster_stop() {
  if [ "$PG_STARTED" = yes ]; then
    as_owner "$BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
    PG_STARTED=no
  fi
  [ -n "$PG_WORK" ] && rm -rf "$PG_WORK"
  PG_WORK=
}

