#!/usr/bin/env bash
# Runs `scholard sync` under valgrind against the fake API server on the seed
# fixtures, in a throw-away copy of the example site: a first sync (creates
# the store, writes every output), a forced sync through a Crossref 500 and an
# arXiv reset (retry paths), a sync with nothing due, and `show --json`.
# Every run must end with no valgrind error and no definite, indirect or
# possible leak (--error-exitcode=1); the summaries are printed.
#
# Usage: scripts/valgrind-sync.sh [BUILD_DIR]     (default: build)
# Needs scholard and scholard-fakeapi built in BUILD_DIR (built here if missing,
# -j2) and valgrind. Not under ASan: use a plain build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/fakeapi.sh
source "$root/scripts/lib/fakeapi.sh"
build=${1:-$root/build}
[[ $build = /* ]] || build=$root/$build
scholard=$build/src/cli/scholard
fakeapi=$build/tools/fakeapi/scholard-fakeapi

command -v valgrind >/dev/null || { echo "valgrind-sync: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
if [[ ! -x $scholard || ! -x $fakeapi ]]; then
  cmake --build "$build" -j2 --target scholard scholard-fakeapi
fi
if grep -q 'SCHOLARD_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "valgrind-sync: $build is an ASan build; valgrind needs a plain one" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/scholard-valgrind.XXXXXX")
server_pid=
cleanup() {
  stop_fakeapi
  rm -rf "$work"
}
trap cleanup EXIT

# The site: config/, examples/site/_pages/research.md, fixtures/ (as SeedSite).
mkdir -p "$work/config" "$work/examples/site/_pages" "$work/fixtures"
cp "$root/examples/site/_pages/research.md" "$work/examples/site/_pages/"
cp -r "$root/tests/data/seed/arxiv" "$root/tests/data/seed/crossref" "$root/tests/data/seed/semanticscholar" "$work/fixtures/"

start_fakeapi "$work" 100 --fixtures "$work/fixtures" --arxiv-interval 100ms --s2-interval 100ms || exit 1
fakeapi_config "$work/config/scholard.toml" \
    -e 's#min_interval = "3s"#min_interval = "150ms"#' \
    -e 's#min_interval = "1s"#min_interval = "150ms"#'

fault() { fakeapi_control "/_control/fault?route=$1&kind=$2${3:+&count=$3}" || exit 1; }  # no count: until reset

status=0
run() {  # run NAME EXPECTED_EXIT ARGS...
  local name=$1 expected=$2
  shift 2
  local log=$work/valgrind-$name.log rc=0
  valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 --track-fds=no \
    --log-file="$log" "$scholard" --config "$work/config/scholard.toml" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  local errors
  errors=$(grep -c '^==[0-9]*== ' "$log" || true)
  printf '%-14s exit %-3s valgrind lines: %s\n' "$name" "$rc" "$errors"
  if [[ $rc -eq 99 || $errors -ne 0 ]]; then
    echo "valgrind-sync: $name: valgrind found errors or leaks:" >&2
    cat "$log" >&2
    status=1
  elif [[ $rc -ne $expected ]]; then
    echo "valgrind-sync: $name: exit $rc, expected $expected" >&2
    cat "$work/$name.out" "$work/$name.err" >&2
    status=1
  fi
}

run first-sync 0 sync
fault crossref 500 1
fault arxiv reset 1
run forced-sync 0 sync --force
run nothing-due 0 sync
run show 0 show 2211.03595 --json
fault crossref 500
run failing-sync 1 sync --force --only arXiv:2211.03595
if [[ $status -eq 0 ]]; then
  echo "valgrind-sync: no errors, no leaks (definite, indirect or possible) in any run"
fi
exit $status
