#!/bin/sh
# Ingest throughput and OCR accuracy on this machine.
#   bench/ingest/bench_ingest.sh [BUILD_DIR]   (default: build)
# Prints pages/second of `sohoa text --restore=off` for text-layer PDF pages
# and for OCR'd (image-only) PDF pages with --jobs 1 and 2, and the character
# error rate of the OCR'd 300-dpi scan of a page of fixture 000 against its
# source text (bench/ingest/cer.py). Multi-page inputs are assembled in a
# temporary directory with qpdf from the committed fixtures. Every rate is
# measured with the isolation worker off and on (--isolate), to show its cost.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
SOHOA=$BUILD/sohoa
FIX=$ROOT/fixtures
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
TEXT_PAGES=${TEXT_PAGES:-200}
OCR_PAGES=${OCR_PAGES:-6}
DOCS=${DOCS:-100}

repeat_pdf() {  # repeat_pdf IN N OUT
  set --  "$1" "$2" "$3"
  in=$1 n=$2 out=$3 args=""
  i=0
  while [ $i -lt "$n" ]; do args="$args $in"; i=$((i + 1)); done
  # shellcheck disable=SC2086
  qpdf --empty --pages $args -- "$out"
}

# Wall time and CPU time (user+sys of sohoa and its children): the machine
# is shared, so CPU seconds per page is the steadier number.
rate() {  # rate LABEL PAGES FILES(colon-separated) JOBS ISOLATE
  python3 - "$@" "$SOHOA" "$TMP/out.txt" <<'PY'
import resource, subprocess, sys, time
label, pages, paths, jobs, isolate, sohoa, out = sys.argv[1:8]
pages = int(pages)
t0 = time.monotonic()
with open(out, "wb") as f:
    subprocess.run([sohoa, "text", "--restore=off", "--jobs", jobs, "--isolate=" + isolate]
                   + paths.split(":"), stdout=f, check=True)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
print("%s isolate=%s jobs=%s pages=%d wall_s=%.2f pages_per_s=%.3f cpu_s_per_page=%.3f"
      % (label, isolate, jobs, pages, wall, pages / wall, cpu / pages))
PY
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1 /proc/loadavg)"
repeat_pdf "$FIX/pdf/000_page1.pdf" "$TEXT_PAGES" "$TMP/text.pdf"
repeat_pdf "$FIX/pdf/000_page1_scan.pdf" "$OCR_PAGES" "$TMP/scan.pdf"
# Many one-page documents: the per-document cost of the isolation worker.
files=""
i=0
while [ $i -lt "$DOCS" ]; do
  cp "$FIX/pdf/000_page1.pdf" "$TMP/doc$i.pdf"
  files="$files${files:+:}$TMP/doc$i.pdf"
  i=$((i + 1))
done
for iso in off on; do
  for jobs in 1 2; do rate text_layer_pdf "$TEXT_PAGES" "$TMP/text.pdf" $jobs $iso; done
  rate text_layer_1page_docs "$DOCS" "$files" 1 $iso
  for jobs in 1 2; do rate ocr_pdf_300dpi "$OCR_PAGES" "$TMP/scan.pdf" $jobs $iso; done
done

for f in images/000_page1_scan.jpg pdf/000_page1_scan.pdf; do
  "$SOHOA" text --restore=off "$FIX/$f" > "$TMP/ocr.txt" 2>/dev/null
  echo "cer $f $(python3 "$ROOT/bench/ingest/cer.py" "$FIX/pdf/000_page1.txt" "$TMP/ocr.txt")"
done
