#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, a standalone clang project) and
# runs each one: first every committed seed and regression input in
# tests/data/fuzz/<target>/, then SECONDS of fuzzing (default 20, the CI
# length). A crash fails the run and leaves its input in
# BUILD_DIR/corpus/<target>/artifacts/: copy it into tests/data/fuzz/<target>/
# (it is replayed on every run from then on) and add a regression test.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET_REGEX]
# Environment: SCHOLARD_FUZZ_BUILD (default build-fuzz), CC/CXX (default clang/clang++).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-20}
filter=${2:-.}
build=${SCHOLARD_FUZZ_BUILD:-$root/build-fuzz}
command -v "${CXX:-clang++}" >/dev/null || { echo "fuzz: clang++ is not installed (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_C_COMPILER="${CC:-clang}" \
  -DCMAKE_CXX_COMPILER="${CXX:-clang++}" -DSCHOLARD_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$build" -j2
ctest --test-dir "$build" -L fuzz -R "$filter" --output-on-failure
