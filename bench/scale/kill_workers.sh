#!/usr/bin/env bash
# Workers killed mid-run on a large batch (issue 20, docs/distributed.md):
# N text reports (default 1,000) into one PostgreSQL archive by W workers
# (default 4), SIGKILLing one worker each time another K documents are stored
# (default: two kills, at 30% and 60%), then one more worker started to take
# over the killed workers' leases; against one `sohoa ingest` process into
# SQLite on the same files. Checks, and prints:
#   every document stored exactly once (no document missing, none twice),
#   every claim done, the series CSV byte for byte and the findings (as a set
#   of lines) identical to the SQLite archive's.
#   bench/scale/kill_workers.sh [N] [W]      exit 0 when every check holds
# Environment: SOHOA (default build/sohoa), DATA (default /tmp/sohoa-kill),
# LEASE (seconds a claim is held without a heartbeat; default 5).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOHOA=${SOHOA:-$ROOT/build/sohoa}
DATA=${DATA:-/tmp/sohoa-kill}
N=${1:-1000}
W=${2:-4}
LEASE=${LEASE:-5}
mkdir -p "$DATA"
dir=$DATA/reports_$N
[[ -f $dir/.done ]] || { rm -rf "$dir"; python3 "$ROOT/bench/scale/gen_reports.py" --n "$N" --out "$dir" >/dev/null; touch "$dir/.done"; }
srv=$(mktemp -d /tmp/sohoa-pgkill-XXXXXX); chmod 755 "$srv"
trap 'bash "$ROOT/scripts/pg_server.sh" stop "$srv/s"; rm -rf "$srv"' EXIT
conn=$(bash "$ROOT/scripts/pg_server.sh" start "$srv/s")
psql "$conn" -qc "CREATE DATABASE killed" >/dev/null
pg=${conn/dbname=postgres/dbname=killed}
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F), load $(cut -d' ' -f1 /proc/loadavg)"
echo "$N text reports ($(du -sh "$dir" | cut -f1)), $W PostgreSQL workers, lease ${LEASE} s"

rm -f "$DATA/one.db"*
t=$(date +%s)
"$SOHOA" ingest --jobs 1 "$dir" --db "$DATA/one.db" >/dev/null 2>&1
echo "sqlite, 1 process: $(( $(date +%s) - t )) s"

stored() { psql "$pg" -tAc "SELECT count(*) FROM documents" 2>/dev/null || echo 0; }
t=$(date +%s)
pids=()
for ((i = 0; i < W; i++)); do
  "$SOHOA" ingest --jobs 1 --lease "$LEASE" "$dir" --db "$pg" >"$DATA/w$i.log" 2>&1 &
  pids+=($!)
done
killed=0
for mark in $((N * 3 / 10)) $((N * 6 / 10)); do
  while (( $(stored) < mark )); do sleep 0.5; done
  victim=${pids[$killed]}
  kill -KILL "$victim" 2>/dev/null || true
  echo "killed worker $killed (pid $victim) at $(stored) documents stored"
  killed=$((killed + 1))
done
# One more worker, as a scheduler restarting a lost one would.
"$SOHOA" ingest --jobs 1 --lease "$LEASE" "$dir" --db "$pg" >"$DATA/w_restart.log" 2>&1 &
pids+=($!)
rc=0
for ((i = killed; i < ${#pids[@]}; i++)); do wait "${pids[$i]}" || rc=$?; done
for ((i = 0; i < killed; i++)); do wait "${pids[$i]}" 2>/dev/null || true; done
echo "postgresql, $W workers (2 killed, 1 restarted): $(( $(date +%s) - t )) s; surviving workers' worst exit code $rc"

fail=0
check() { if [[ "$2" == "$3" ]]; then echo "ok    $1: $2"; else echo "FAIL  $1: $2 (want $3)"; fail=1; fi; }
check "documents stored" "$(stored)" "$N"
check "distinct paths stored" "$(psql "$pg" -tAc "SELECT count(DISTINCT path) FROM documents")" "$N"
check "claims not done" "$(psql "$pg" -tAc "SELECT count(*) FROM claims WHERE state <> 'done'")" "0"
"$SOHOA" series --db "$DATA/one.db" --format csv -o "$DATA/series_one.csv"
"$SOHOA" series --db "$pg" --format csv -o "$DATA/series_pg.csv"
"$SOHOA" findings --db "$DATA/one.db" --format csv | sort >"$DATA/findings_one.csv"
"$SOHOA" findings --db "$pg" --format csv | sort >"$DATA/findings_pg.csv"
check "series rows" "$(wc -l <"$DATA/series_pg.csv")" "$(wc -l <"$DATA/series_one.csv")"
check "series CSV identical" "$(cmp -s "$DATA/series_one.csv" "$DATA/series_pg.csv" && echo yes || echo no)" "yes"
check "findings rows" "$(wc -l <"$DATA/findings_pg.csv")" "$(wc -l <"$DATA/findings_one.csv")"
check "findings identical (as sets)" "$(cmp -s "$DATA/findings_one.csv" "$DATA/findings_pg.csv" && echo yes || echo no)" "yes"
exit $fail
