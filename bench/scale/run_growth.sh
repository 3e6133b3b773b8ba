#!/usr/bin/env bash
# One ingest of N reports into an empty archive, sampled every STEP seconds:
# documents stored so far, the process's CPU seconds and RSS. Shows whether
# per-document CPU and memory stay flat as the archive grows within one run.
#   bench/scale/run_growth.sh DIR DB [STEP]     (SOHOA, JOBS as in run_scale.sh)
# Prints: elapsed_s docs cpu_s rss_mib, then per-interval ms CPU/doc; the
# final line has the peak RSS and the archive's bytes per input byte.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOHOA=${SOHOA:-$ROOT/build/sohoa}
dir=$1 db=$2 step=${3:-30}
rm -f "$db" "$db-wal" "$db-shm"
tick=$(getconf CLK_TCK)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u '+%F %H:%M'), load $(cut -d' ' -f1 /proc/loadavg)"
/usr/bin/time -f "%e %U %S %M" -o "$db.time" "$SOHOA" ingest --db "$db" ${JOBS:+--jobs $JOBS} "$dir" \
  > "$db.out" 2> "$db.err" &
tpid=$!
sleep 1
pid=$(pgrep -P "$tpid" | head -1)
start=$(date +%s.%N) prev_docs=0 prev_cpu=0
printf "%9s %7s %8s %8s %12s\n" elapsed_s docs cpu_s rss_mib ms_cpu/doc
while kill -0 "$pid" 2>/dev/null; do
  sleep "$step"
  [[ -r /proc/$pid/stat ]] || break
  read -r -a st < "/proc/$pid/stat" || break
  cpu=$(echo "(${st[13]} + ${st[14]}) / $tick" | bc -l)
  rss=$(awk '/^VmRSS/ {print $2/1024}' "/proc/$pid/status" 2>/dev/null || echo 0)
  docs=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM documents" 2>/dev/null || echo "$prev_docs")
  now=$(echo "$(date +%s.%N) - $start" | bc -l)
  per=$([[ $docs -gt $prev_docs ]] && echo "1000 * ($cpu - $prev_cpu) / ($docs - $prev_docs)" | bc -l || echo 0)
  printf "%9.0f %7d %8.1f %8.1f %12.1f\n" "$now" "$docs" "$cpu" "$rss" "$per"
  prev_docs=$docs prev_cpu=$cpu
done
wait "$tpid" || true
read -r wall user sys peak < <(tail -1 "$db.time")  # after "Command exited with non-zero status" (findings: exit 1)
raw=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
size=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
printf "total: wall %.0f s, cpu %.1f s, peak RSS %.1f MiB, archive %d bytes = %.2fx the %d bytes of text\n" \
  "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$peak/1024" | bc -l)" "$size" "$(echo "$size / $raw" | bc -l)" "$raw"
tail -1 "$db.err"
