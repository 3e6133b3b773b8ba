#!/usr/bin/env bash
# Runs the whole test suite:
#   1. installs what is missing and builds (scripts/setup.sh), runs ctest in build/;
#   2. builds again with clang + AddressSanitizer + UndefinedBehaviorSanitizer
#      + libFuzzer in build-asan/, runs the suite there except tests labelled
#      `slow` (OCR: Tesseract under ASan is too slow for the CI budget), and
#      runs every fuzzer for SOHOA_FUZZ_SECONDS (default 10) from its seed corpus.
# Set SOHOA_SKIP_SANITIZE=1 to run only step 1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
bash scripts/setup.sh
BUILD_DIR="${SOHOA_BUILD_DIR:-build}"
JOBS="$(nproc)"

echo "== test suite (build: $BUILD_DIR)" >&2
(cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS" --timeout 900)

[[ "${SOHOA_SKIP_SANITIZE:-0}" == 1 ]] && exit 0

ASAN_DIR="${SOHOA_ASAN_BUILD_DIR:-build-asan}"
echo "== sanitizer + fuzzer build ($ASAN_DIR, clang, ASan+UBSan)" >&2
if [[ ! -f "$ASAN_DIR/CMakeCache.txt" ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$ASAN_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSOHOA_SANITIZE=ON -DSOHOA_FUZZ=ON -DSOHOA_BENCH=OFF >/dev/null
fi
cmake --build "$ASAN_DIR" -j "$JOBS" >/dev/null
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$ROOT/tests/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The sanitizer build uses the language model built by the normal build.
export SOHOA_MODEL_DIR="$ROOT/$BUILD_DIR/model"
echo "== test suite under ASan+UBSan (all tests except label 'slow')" >&2
(cd "$ASAN_DIR" && ctest --output-on-failure -j "$JOBS" --timeout 900 -LE slow)

FUZZ_SECONDS="${SOHOA_FUZZ_SECONDS:-10}"
echo "== fuzzing: ${FUZZ_SECONDS}s per target" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for fuzzer in "$ASAN_DIR"/tests/fuzz/fuzz_*; do
  name="$(basename "$fuzzer")"; name="${name#fuzz_}"
  mkdir -p "$work/$name"
  cp -r tests/fuzz/corpus/"$name"/. "$work/$name"/ 2>/dev/null || true
  if ! "$fuzzer" "$work/$name" -max_total_time="$FUZZ_SECONDS" -timeout=25 -rss_limit_mb=4096 \
        -artifact_prefix="$work/crash-$name-" -print_final_stats=1 >"$work/$name.log" 2>&1; then
    echo "fuzzer $name found a problem:" >&2
    tail -40 "$work/$name.log" >&2
    ls "$work"/crash-"$name"-* >&2 2>/dev/null || true
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -1 | grep -o '[0-9]*' || echo "?")
  echo "fuzz $name: ${execs} executions, coverage ${cov} edges, no crash" >&2
done
