#!/usr/bin/env bash
# Peak memory and CPU of `sohoa text` on large plain-text files (1, 8 and 31
# MB: reports of gen_reports.py joined by form feeds), each beside `iconv -f
# utf-8 -t utf-8` of the same file, and beside an older binary when given.
#   bench/scale/run_text_memory.sh [OLD_SOHOA]     (SOHOA, DATA as in run_scale.sh)
# Also checks that both binaries give the same bytes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOHOA=${SOHOA:-$ROOT/build/sohoa}
DATA=${DATA:-/tmp/sohoa-scale}
OLD=${1:-}
mkdir -p "$DATA"
src=$DATA/reports_1000
[[ -f $src/.done ]] || { rm -rf "$src"; python3 "$ROOT/bench/scale/gen_reports.py" --n 1000 --out "$src" >/dev/null; touch "$src/.done"; }
python3 - "$src" "$DATA" <<'PY'
import glob, sys
files = sorted(glob.glob(sys.argv[1] + '/**/*.txt', recursive=True))
for mb in (1, 8, 31):
    out, i = bytearray(), 0
    while len(out) < mb * 1000 * 1000:
        if out: out += b'\f'
        out += open(files[i % len(files)], 'rb').read(); i += 1
    open(f'{sys.argv[2]}/text_{mb}mb.txt', 'wb').write(out[:mb * 1000 * 1000].rsplit(b'\n', 1)[0] + b'\n')
PY
run() {  # LABEL CMD...: cpu s and peak RSS MiB
  local label=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$DATA/time.txt" "$@" > "$DATA/out.txt" 2> /dev/null
  read -r user sys rss < "$DATA/time.txt"
  printf "%-28s cpu_s=%7.2f peak_rss_mib=%8.1f\n" "$label" "$(echo "$user + $sys" | bc)" "$(echo "$rss/1024" | bc -l)"
}
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u '+%F %H:%M'), load $(cut -d' ' -f1 /proc/loadavg)"
for mb in 1 8 31; do
  f=$DATA/text_${mb}mb.txt
  echo "== $mb MB ($(stat -c %s "$f") bytes)"
  run "iconv" iconv -f utf-8 -t utf-8 "$f"
  run "sohoa text" "$SOHOA" text "$f"; cp "$DATA/out.txt" "$DATA/new.txt"
  if [[ -n $OLD ]]; then
    run "old sohoa text" "$OLD" text "$f"
    cmp -s "$DATA/out.txt" "$DATA/new.txt" && echo "same output" || echo "OUTPUT DIFFERS"
  fi
done
