#!/usr/bin/env bash
# Throughput of several `sohoa ingest` workers sharing one PostgreSQL archive,
# beside one process writing SQLite, on the same files (docs/distributed.md).
#   bench/scale/run_workers.sh [DOCS] [WORKERS...]   (default: 120 docs; 1 2 4 workers)
# Text reports from gen_reports.py; a throwaway PostgreSQL server
# (scripts/pg_server.sh: a temporary folder, a Unix socket). Each worker is
# `sohoa ingest --jobs 1`; every configuration starts from an empty archive.
# Environment: SOHOA (default build/sohoa), DATA (default /tmp/sohoa-workers),
# FILES (a folder of your own files instead of generated text reports, e.g.
# page images for the OCR rate; DOCS is then the number of files in it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOHOA=${SOHOA:-$ROOT/build/sohoa}
DATA=${DATA:-/tmp/sohoa-workers}
N=${1:-120}; shift || true
WORKERS=("$@"); [[ ${#WORKERS[@]} -gt 0 ]] || WORKERS=(1 2 4)
mkdir -p "$DATA"
if [[ -n "${FILES:-}" ]]; then
  dir=$FILES
  N=$(find "$dir" -type f | wc -l)
else
  dir=$DATA/reports_$N
  [[ -f $dir/.done ]] || { rm -rf "$dir"; python3 "$ROOT/bench/scale/gen_reports.py" --n "$N" --out "$dir" >/dev/null; touch "$dir/.done"; }
fi
srv=$(mktemp -d /tmp/sohoa-pgbench-XXXXXX); chmod 755 "$srv"
trap 'bash "$ROOT/scripts/pg_server.sh" stop "$srv/s"; rm -rf "$srv"' EXIT
conn=$(bash "$ROOT/scripts/pg_server.sh" start "$srv/s")
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F), load $(cut -d' ' -f1 /proc/loadavg)"
echo "$N files ($dir), $(du -sh "$dir" | cut -f1)"
now() { date +%s.%N; }
rm -f "$DATA/one.db"*
t=$(now); "$SOHOA" ingest --jobs 1 "$dir" --db "$DATA/one.db" >/dev/null 2>&1; t1=$(echo "$(now) - $t" | bc -l)
base=$(echo "$N / $t1" | bc -l)
printf "sqlite, 1 process:        %6.1f s  %5.2f docs/s\n" "$t1" "$base"
for w in "${WORKERS[@]}"; do
  db=w${w}_$$
  psql "$conn" -qc "CREATE DATABASE $db" >/dev/null
  pgconn=${conn/dbname=postgres/dbname=$db}
  t=$(now)
  pids=()
  for ((i = 0; i < w; i++)); do "$SOHOA" ingest --jobs 1 "$dir" --db "$pgconn" >/dev/null 2>&1 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  tw=$(echo "$(now) - $t" | bc -l)
  stored=$(psql "$pgconn" -tAc "SELECT count(*) FROM documents")
  printf "postgresql, %d worker(s): %6.1f s  %5.2f docs/s  (%.2fx sqlite; %s documents stored)\n" \
    "$w" "$tw" "$(echo "$N / $tw" | bc -l)" "$(echo "$N / $tw / $base" | bc -l)" "$stored"
done
