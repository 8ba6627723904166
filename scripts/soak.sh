#!/usr/bin/env bash
# Long-running reliability checks.
#
#   scripts/soak.sh [--passes N] [--every M] [--rss-margin KB] [--fd-margin N] [BUILD_DIR]
#       The daemon on compressed intervals (refresh 1s, interval 1s) against a
#       flaky fake API server (a random fault from the fault list every few
#       seconds, through the control endpoint) for N passes (default 300).
#       Every M passes (default 25) prints the daemon's RSS and open fds
#       (/proc/PID/status, /proc/PID/fd); fails if, after the first sample,
#       RSS grows by more than the margin (default 8192 kB) or the fd count by
#       more than --fd-margin (default 3), or if the daemon dies or does not
#       stop cleanly on SIGTERM.
#
#   scripts/soak.sh --crash N [BUILD_DIR]
#       The crash-safety test with N random SIGKILLs instead of 20
#       (tests/integration/crash; SCHOLARD_CRASH_ITERATIONS=N).
#
# BUILD_DIR defaults to build/; scholard, scholard-fakeapi (and
# integration_crash for --crash) are built there if missing (-j2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib/fakeapi.sh
source "$root/scripts/lib/fakeapi.sh"
passes=300 every=25 rss_margin=8192 fd_margin=3 crash=0 build=$root/build
while [[ $# -gt 0 ]]; do
  case $1 in
    --passes) passes=$2; shift 2 ;;
    --every) every=$2; shift 2 ;;
    --rss-margin) rss_margin=$2; shift 2 ;;
    --fd-margin) fd_margin=$2; shift 2 ;;
    --crash) crash=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    -*) echo "soak: unknown option $1" >&2; exit 2 ;;
    *) build=$1; [[ $build = /* ]] || build=$root/$build; shift ;;
  esac
done

if [[ $crash -gt 0 ]]; then
  crash_bin=$build/tests/integration/crash/integration_crash
  [[ -x $crash_bin ]] || cmake --build "$build" -j2 --target integration_crash
  exec env SCHOLARD_CRASH_ITERATIONS="$crash" "$crash_bin"
fi

scholard=$build/src/cli/scholard
fakeapi=$build/tools/fakeapi/scholard-fakeapi
[[ -x $scholard && -x $fakeapi ]] || cmake --build "$build" -j2 --target scholard scholard-fakeapi

work=$(mktemp -d "${TMPDIR:-/tmp}/scholard-soak.XXXXXX")
server_pid= daemon_pid=
cleanup() {
  [[ -n $daemon_pid ]] && kill "$daemon_pid" 2>/dev/null || true
  stop_fakeapi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/config" "$work/examples/site/_pages" "$work/fixtures"
cp "$root/examples/site/_pages/research.md" "$work/examples/site/_pages/"
cp -r "$root/tests/data/seed/arxiv" "$root/tests/data/seed/crossref" "$root/tests/data/seed/semanticscholar" "$work/fixtures/"
start_fakeapi "$work" 100 --fixtures "$work/fixtures" --arxiv-interval 30ms --s2-interval 30ms || exit 1
fakeapi_config "$work/config/scholard.toml" \
    -e 's#min_interval = "3s"#min_interval = "40ms"#' \
    -e 's#min_interval = "1s"#min_interval = "40ms"#' \
    -e 's#refresh  = "1d"#refresh  = "1s"#' \
    -e 's#interval = "6h"#interval = "1s"#' \
    -e 's#jitter   = "10m"#jitter   = "50ms"#'
grep -q 'refresh  = "1s"' "$work/config/scholard.toml" || { echo "soak: config edit did not apply" >&2; exit 1; }


"$scholard" --config "$work/config/scholard.toml" daemon 2>"$work/daemon.log" &
daemon_pid=$!

faults=("503:1" "500:" "504html:" "reset:" "truncate:" "malformed:" "html200:" "empty:" "429:1" "drip:200000" "delay:300")
pass_count() { grep -c 'to arXiv' "$work/daemon.log" || true; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$daemon_pid/status"; }
fd_count() { ls "/proc/$daemon_pid/fd" | wc -l; }

echo "soak: $passes daemon passes against 127.0.0.1:$port (faults every ~3 s), sampling every $every passes"
printf '%8s %10s %6s %8s %10s\n' passes rss_kb fds faults elapsed_s
start=$SECONDS next_sample=$every next_fault=$((SECONDS + 3)) injected=0
base_rss= base_fd= max_rss=0 max_fd=0 status=0
while :; do
  if ! kill -0 "$daemon_pid" 2>/dev/null; then
    echo "soak: the daemon died" >&2
    tail -20 "$work/daemon.log" >&2
    exit 1
  fi
  n=$(pass_count)
  if [[ $SECONDS -ge $next_fault ]]; then
    f=${faults[RANDOM % ${#faults[@]}]}
    route=$([[ $((RANDOM % 2)) -eq 0 ]] && echo arxiv || echo crossref)
    fakeapi_control "/_control/fault?route=$route&kind=${f%%:*}&param=${f#*:}&count=$((1 + RANDOM % 3))" || true  # said, and the soak goes on
    injected=$((injected + 1))
    next_fault=$((SECONDS + 3))
  fi
  if [[ $n -ge $next_sample ]]; then
    rss=$(rss_kb) fds=$(fd_count)
    printf '%8s %10s %6s %8s %10s\n' "$n" "$rss" "$fds" "$injected" "$((SECONDS - start))"
    [[ -z $base_rss ]] && base_rss=$rss base_fd=$fds
    ((rss > max_rss)) && max_rss=$rss
    ((fds > max_fd)) && max_fd=$fds
    next_sample=$((next_sample + every))
  fi
  [[ $n -ge $passes ]] && break
  sleep 0.2
done

kill -TERM "$daemon_pid"
rc=0
wait "$daemon_pid" || rc=$?
daemon_pid=
violations=$(grep -c VIOLATION "$work/server.log" || true)
echo "soak: $(pass_count) passes in $((SECONDS - start)) s, $injected faults injected, daemon exit $rc on SIGTERM"
echo "soak: RSS first sample $base_rss kB, max $max_rss kB (margin $rss_margin kB); fds first $base_fd, max $max_fd (margin $fd_margin)"
echo "soak: politeness violations seen by the fake server: $violations"
if [[ $rc -ne 0 ]]; then echo "soak: FAIL: the daemon did not stop cleanly" >&2; status=1; fi
if ((max_rss - base_rss > rss_margin)); then echo "soak: FAIL: RSS grew by $((max_rss - base_rss)) kB" >&2; status=1; fi
if ((max_fd - base_fd > fd_margin)); then echo "soak: FAIL: open fds grew by $((max_fd - base_fd))" >&2; status=1; fi
if ((violations > 0)); then grep VIOLATION "$work/server.log" | head -5 >&2; status=1; fi
[[ $status -eq 0 ]] && echo "soak: OK"
exit $status
