#!/usr/bin/env bash
# Installs the missing Debian packages (scripts/debian-packages.txt) and
# builds sohoa into build/ (build/sohoa). Safe to run again: does only what
# is missing. Used by scripts/quickstart.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < scripts/debian-packages.txt

if ((${#missing[@]})); then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR="${SOHOA_BUILD_DIR:-build}"
JOBS="$(nproc)"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
echo "setup: building in $BUILD_DIR with $JOBS jobs" >&2
cmake --build "$BUILD_DIR" -j "$JOBS" >/dev/null
# Build the language model if a target for it exists (restore stage).
# (The target list is read whole first: grep -q closing the pipe early would
# kill cmake with SIGPIPE and, under pipefail, skip the model.)
targets="$(cmake --build "$BUILD_DIR" --target help)"
if grep -q "language_model" <<<"$targets"; then
  cmake --build "$BUILD_DIR" --target language_model >/dev/null
fi
echo "setup: built $BUILD_DIR/sohoa" >&2
