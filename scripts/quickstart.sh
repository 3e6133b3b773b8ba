#!/usr/bin/env bash
# Quick start: install what is missing, build, and run the main job on
# fixtures/ with a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR="${SOHOA_BUILD_DIR:-build}"
SOHOA="$BUILD_DIR/sohoa"

if "$SOHOA" ingest --help >/dev/null 2>&1; then
  # Exit 1 means some files failed (fixtures/broken/ is a corpus of broken
  # inputs): they are recorded in the archive, the others stored.
  mkdir -p "$BUILD_DIR"
  status=0
  "$SOHOA" ingest fixtures --db sohoa.db 2>"$BUILD_DIR/ingest.log" || status=$?
  if [ "$status" -gt 1 ]; then
    cat "$BUILD_DIR/ingest.log" >&2
    exit "$status"
  fi
  echo "(per-file log: $BUILD_DIR/ingest.log; every finding: $SOHOA findings --db sohoa.db)"
  echo
  echo "Series: files received (received_total) per unit and month:"
  # The first rows with a value (CSV read properly: unit names hold commas).
  "$SOHOA" series --db sohoa.db --metric received_total --format csv | python3 -c '
import csv, sys
rows = [r for r in csv.DictReader(sys.stdin) if r["value"]]
print("%-8s %-44s %8s  %s" % ("period", "unit", "value", "document"))
for r in rows[:12]:
    print("%-8s %-44s %8s  %s" % (r["period"], r["unit"][:44], r["value"], r["document"]))
print("(%d values in all; sohoa series --db sohoa.db --wide -o series.csv for a spreadsheet)" % len(rows))
'
else
  ok=0; failed=0; words=0
  while IFS= read -r -d '' f; do
    if out=$("$SOHOA" text "$f" 2>/dev/null); then
      ok=$((ok + 1)); words=$((words + $(wc -w <<<"$out")))
    else
      failed=$((failed + 1))
    fi
  done < <(find fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.pdf' -o -name '*.png' -o -name '*.jpg' -o -name '*.tif' -o -name '*.tiff' \) -not -path 'fixtures/broken/*' -print0 | sort -z)
  echo "sohoa text over fixtures/: $ok files extracted, $failed failed, $words words"
fi
