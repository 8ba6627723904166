#!/usr/bin/env bash
# README command (2): install what is missing, build, run every test.
#   scripts/build-and-test.sh [--sanitize]
# With --sanitize the suite runs under AddressSanitizer + UndefinedBehaviorSanitizer
# and halts on the first finding.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh "$@"
dir=build
[[ "${1:-}" == "--sanitize" ]] && dir=build-asan
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
ctest --test-dir "$dir" --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" --timeout 300
