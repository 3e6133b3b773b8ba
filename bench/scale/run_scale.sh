#!/usr/bin/env bash
# Scale benchmark: ingest, series and findings at growing archive sizes, each
# beside its peer from the same run (see bench/scale/README.md).
#   bench/scale/run_scale.sh [SIZES...]      (default: 1000 10000)
# Environment: SOHOA (default build/sohoa), DATA (default /tmp/sohoa-scale; the
# generated reports are kept there and reused), JOBS (ingest --jobs, default nproc).
# Prints one line per measurement; ratios are within one size, one run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOHOA=${SOHOA:-$ROOT/build/sohoa}
DATA=${DATA:-/tmp/sohoa-scale}
SIZES=("$@"); [[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000)
mkdir -p "$DATA"

# measure LABEL CMD...: wall s, cpu s (user+sys), peak RSS MiB of CMD (and children).
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$DATA/time.txt" "$@" > "$DATA/out.txt" 2> "$DATA/err.txt" || {
    echo "$label: failed ($(tail -1 "$DATA/err.txt"))"; return 1; }
  read -r wall user sys rss < "$DATA/time.txt"
  cpu=$(echo "$user + $sys" | bc)
  printf "%-22s wall_s=%8.2f cpu_s=%8.2f peak_rss_mib=%7.1f\n" "$label" "$wall" "$cpu" "$(echo "$rss/1024" | bc -l)"
  LAST_WALL=$wall LAST_CPU=$cpu
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F), load $(cut -d' ' -f1 /proc/loadavg)"
for n in "${SIZES[@]}"; do
  dir=$DATA/reports_$n db=$DATA/sohoa_$n.db floor=$DATA/floor_$n.db
  [[ -f $dir/.done ]] || { rm -rf "$dir"; python3 "$ROOT/bench/scale/gen_reports.py" --n "$n" --out "$dir" >/dev/null; touch "$dir/.done"; }
  raw=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  rm -f "$db" "$db"-wal "$db"-shm "$floor"
  echo "== $n documents, $raw bytes of text"
  # The floor: every file's bytes into one sqlite table, one transaction.
  measure "floor sqlite3" python3 -c '
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[2]); db.execute("CREATE TABLE f(path TEXT PRIMARY KEY, text BLOB)")
with db:
    for d, _, fs in os.walk(sys.argv[1]):
        for f in fs:
            p = os.path.join(d, f); db.execute("INSERT INTO f VALUES(?,?)", (p, open(p, "rb").read()))
' "$dir" "$floor"; floor_wall=$LAST_WALL
  measure "sha256sum" sh -c "find '$dir' -name '*.txt' -print0 | xargs -0 sha256sum"; sha_wall=$LAST_WALL
  measure "ingest" "$SOHOA" ingest --db "$db" "$dir"; ing_wall=$LAST_WALL ing_cpu=$LAST_CPU
  printf "ingest: %.2f docs/s, %.1f ms CPU/doc, %.2fx the floor's wall time\n" \
    "$(echo "$n / $ing_wall" | bc -l)" "$(echo "1000 * $ing_cpu / $n" | bc -l)" "$(echo "$ing_wall / $floor_wall" | bc -l)"
  measure "re-ingest" "$SOHOA" ingest --db "$db" "$dir"
  printf "re-ingest: %.2fx sha256sum\n" "$(echo "$LAST_WALL / $sha_wall" | bc -l)"
  size=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
  printf "archive: %d bytes, %.2fx the raw text (floor db: %.2fx)\n" "$size" \
    "$(echo "$size / $raw" | bc -l)" "$(echo "$(stat -c %s "$floor") / $raw" | bc -l)"
  measure "sqlite3 -csv cells" sqlite3 -csv "$db" "SELECT * FROM cells"; peer=$LAST_WALL
  measure "series --format csv" "$SOHOA" series --db "$db" --format csv
  printf "series: %d rows, %.2fx sqlite3 -csv of the cells table\n" "$(wc -l < "$DATA/out.txt")" "$(echo "$LAST_WALL / $peer" | bc -l)"
  cp "$DATA/out.txt" "$DATA/series_$n.csv"
  measure "findings" "$SOHOA" findings --db "$db"
  printf "findings: %d rows\n" "$(wc -l < "$DATA/out.txt")"
  cp "$DATA/out.txt" "$DATA/findings_$n.csv"
done
