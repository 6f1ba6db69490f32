#!/bin/bash
# Stand-in for the official postgres image's entrypoint, just enough for Testcontainers'
# PostgreSQLContainer: honours POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB and, on first
# start, initialises through a temporary server before starting the real one. So, like the
# official image, "database system is ready to accept connections" is logged twice, and
# PostgreSQLContainer's default wait strategy waits for the second.
set -euo pipefail

# "IMAGE -c fsync=off" means "postgres -c fsync=off"; anything else (bash, ...) runs as given.
if [ $# -eq 0 ] || [ "${1:0:1}" = - ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi

# Started as root: own the data and socket dirs, then run this script again as postgres.
if [ "$(id -u)" = 0 ]; then
  install -d -o postgres -g postgres -m 700 "$PGDATA"
  install -d -o postgres -g postgres -m 3777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups bash "${BASH_SOURCE[0]}" "$@"
fi

: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}" "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo "error: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  # A real file: a <(...) would be closed before initdb reads it.
  pw=(); pwfile=/tmp/.pgpass-init
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"; pw=(--pwfile="$pwfile"); fi
  initdb -D "$PGDATA" -U "$POSTGRES_USER" "${pw[@]}" -E UTF8 --locale=C.UTF-8 \
         --auth-local=trust --auth-host="$POSTGRES_HOST_AUTH_METHOD"
  rm -f "$pwfile"
  echo "host all all all $POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"

  # Temporary server on the Unix socket only, so no client connects before init is done.
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses=''" start
  psql=(psql -X -q -v ON_ERROR_STOP=1 -U "$POSTGRES_USER")
  if [ "$POSTGRES_DB" != postgres ]; then
    "${psql[@]}" -d postgres -v db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)  echo "running $f"; bash "$f" ;;
      *.sql) echo "running $f"; "${psql[@]}" -d "$POSTGRES_DB" -f "$f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec "$@"
