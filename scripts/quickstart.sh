#!/usr/bin/env bash
# Quick start: install what is missing, build, and run the main job on
# fixtures/ with a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR="${SOHOA_BUILD_DIR:-build}"
SOHOA="$BUILD_DIR/sohoa"

if "$SOHOA" ingest --help >/dev/null 2>&1; then
  "$SOHOA" ingest fixtures --db sohoa.db
  "$SOHOA" series --db sohoa.db --format csv | head -20
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
