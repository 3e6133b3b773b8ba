#!/usr/bin/env bash
# Start-up cost of `sohoa text` / `sohoa tables` on a one-line file, beside
# `cat` and `iconv` of the same file (the floor of any process that reads it).
#   bench/startup/run_startup.sh NEW_SOHOA [OLD_SOHOA]
# CPU milliseconds (perf stat task-clock, mean of 10 runs), interleaved.
set -euo pipefail
new=$1; old=${2:-}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
printf 'Ủy ban nhân dân tỉnh Quảng Nam báo cáo tình hình kinh tế xã hội năm 2024.\n' >"$dir/correct.txt"
printf 'Uy ban nhan dan tinh Quang Nam bao cao tinh hinh kinh te xa hoi nam 2024.\n' >"$dir/stripped.txt"
ms() { perf stat -x, -e task-clock -r 10 "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%.1f", $1}'; }
printf '%-9s %-8s %8s %8s %8s %8s\n' file command old new cat iconv
for f in correct stripped; do
  for cmd in text tables; do
    o=-; [[ -n $old ]] && o=$(ms "$old" $cmd "$dir/$f.txt")
    n=$(ms "$new" $cmd "$dir/$f.txt")
    c=$(ms cat "$dir/$f.txt"); i=$(ms iconv -f utf-8 -t utf-8 "$dir/$f.txt")
    printf '%-9s %-8s %8s %8s %8s %8s\n' $f $cmd "$o" "$n" "$c" "$i"
  done
done
