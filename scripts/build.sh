#!/usr/bin/env bash
# Configures and builds scholard. Used by the two README commands and CI.
#   scripts/build.sh [--sanitize]   -> build/ (or build-asan/ with ASan+UBSan)
# Warnings are errors when CI is set (CI=true), as in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ "${1:-}" == "--sanitize" ]]; then
  dir=build-asan
  args=(-G Ninja -DCMAKE_BUILD_TYPE=Debug -DSCHOLARD_SANITIZE=ON)
fi
if [[ -n "${CI:-}" ]]; then
  args+=(-DSCHOLARD_WERROR=ON)
fi
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$dir" "${args[@]}" >/dev/null
cmake --build "$dir" -j "$jobs"
