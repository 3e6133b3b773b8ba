#!/usr/bin/env bash
# Stress check for issue 28: start N ingests together on a fresh archive,
# R times in a row, and count the runs in which any of them failed or the
# archive differs from a single-process one. Must print "0 failed".
#   bash bench/store/concurrent_open.sh [RUNS=50] [WORKERS=2..4] [SOHOA=build/sohoa]
set -uo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-50}"
SOHOA="${SOHOA:-build/sohoa}"
# One small report: the processes reach the archive set-up at the same moment.
INPUT="${INPUT:-fixtures/seeds/003_fdc46fb5b852ba72.txt}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dump() {  # the archive's stored content, without run ids and times
  sqlite3 "$1" "SELECT content_hash, status FROM documents ORDER BY content_hash;
                SELECT count(*) FROM cells; SELECT count(*) FROM findings;" 2>&1
}

"$SOHOA" ingest --jobs 1 "$INPUT" --db "$work/ref.db" >/dev/null 2>&1
ref="$(dump "$work/ref.db")"
failed=0
for ((r = 1; r <= RUNS; r++)); do
  workers=$((2 + r % 3))
  db="$work/run$r.db"
  pids=()
  for ((w = 0; w < workers; w++)); do
    "$SOHOA" ingest --jobs 1 "$INPUT" --db "$db" >/dev/null 2>"$work/err$r.$w" &
    pids+=($!)
  done
  bad=0
  for ((w = 0; w < workers; w++)); do
    if ! wait "${pids[$w]}"; then
      bad=1
      echo "run $r worker $w: $(tail -1 "$work/err$r.$w")" >&2
    fi
  done
  if [[ "$(dump "$db")" != "$ref" ]]; then
    bad=1
    echo "run $r: archive differs from the single-process one" >&2
  fi
  failed=$((failed + bad))
  rm -f "$db" "$db-wal" "$db-shm"
done
echo "concurrent_open: $RUNS runs of 2-4 ingests on a fresh archive: $failed failed"
[[ $failed -eq 0 ]]
