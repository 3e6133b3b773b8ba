#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: its data and its
# Unix socket in one folder, no TCP port (nothing listens on the network),
# fsync off (the data is thrown away).
#   pg_server.sh start DIR   initdb into DIR/data, start; prints the libpq
#                            connection string ("host=DIR dbname=postgres user=sohoa")
#   pg_server.sh stop DIR    stop it (the caller removes DIR)
# The server programs are Debian's postgresql package (/usr/lib/postgresql/N/bin,
# or $SOHOA_PG_BIN). Run as root, the server runs as the 'postgres' user.
# With SOHOA_PG_PASSWORD set, the server asks user 'sohoa' for that password
# (scram-sha-256) and the printed connection string does not hold it: give
# it through PGPASSWORD or a password file, as users do.
# Exit codes: 0 ok, 77 PostgreSQL's server programs are not installed (tests
# skip), 1 another failure (see DIR/server.log).
set -euo pipefail
cmd="${1:-}" dir="${2:-}"
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: pg_server.sh start|stop DIR" >&2
  exit 2
fi
bin="${SOHOA_PG_BIN:-}"
if [[ -z "$bin" ]]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
fi
if [[ -z "$bin" || ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
  echo "pg_server.sh: PostgreSQL server programs not found (install Debian's postgresql, or set SOHOA_PG_BIN)" >&2
  exit 77
fi
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  # initdb and postgres refuse to run as root.
  if ! id postgres >/dev/null 2>&1; then
    echo "pg_server.sh: running as root and there is no 'postgres' user to run the server" >&2
    exit 77
  fi
  as_server=(runuser -u postgres --)
fi
case "$cmd" in
  start)
    mkdir -p "$dir"
    [[ ${#as_server[@]} -gt 0 ]] && chown postgres "$dir"
    auth=(-A trust)
    if [[ -n "${SOHOA_PG_PASSWORD:-}" ]]; then
      (umask 077; printf '%s\n' "$SOHOA_PG_PASSWORD" >"$dir/pwfile")
      [[ ${#as_server[@]} -gt 0 ]] && chown postgres "$dir/pwfile"
      auth=(-A scram-sha-256 --pwfile="$dir/pwfile")
    fi
    "${as_server[@]}" "$bin/initdb" -D "$dir/data" "${auth[@]}" -U sohoa --no-sync -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { echo "pg_server.sh: initdb failed (see $dir/initdb.log)" >&2; exit 1; }
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
      start >/dev/null ||
      { echo "pg_server.sh: the server did not start (see $dir/server.log)" >&2; exit 1; }
    rm -f "$dir/pwfile"
    echo "host=$dir dbname=postgres user=sohoa"
    ;;
  stop)
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: pg_server.sh start|stop DIR" >&2
    exit 2
    ;;
esac
