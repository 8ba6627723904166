#!/usr/bin/env bash
# The idle daemon: resident memory, CPU and wake-ups of `scholard daemon`
# with N papers (default 1,000) and nothing due, over S seconds (default 60).
# Method and results: docs/benchmarks.md.
#
#   scripts/bench-idle.sh [--build DIR] [--papers N] [--seconds S] [--strace] [--keep]
#
# 1. generates N papers (scripts/bench-fixtures.sh), starts scholard-fakeapi,
#    runs `scholard sync` once so every paper is fresh (due again in 1 day);
# 2. starts `scholard --log-level debug daemon` and waits for its start-up
#    pass to end (the "next pass in" line);
# 3. over the next S seconds, from /proc (all threads of the daemon):
#    CPU time (schedstat: nanoseconds on a CPU), context switches (each
#    wake-up from a blocking wait is one voluntary switch), RSS every second,
#    passes started (debug log) and HTTP requests (the fake server's log);
# 4. with --strace, a second window of S seconds under `strace -f -c`:
#    the system calls made (epoll_wait and friends returning = wake-ups).
# Target (issue "Benchmarks"): <= 10 MiB resident, <= 1 wake-up per minute.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=""
papers=1000
seconds=60
use_strace=0
keep=0
arxiv_ms=50
crossref_limit=200
crossref_concurrency=3
batch_size=100
while (($#)); do
  case $1 in
    --build) build=$2; shift 2 ;;
    --papers) papers=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --strace) use_strace=1; shift ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-idle: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
# shellcheck source=scripts/bench-lib.sh
source "$root/scripts/bench-lib.sh"
find_binaries
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dir=$(mktemp -d "${TMPDIR:-/tmp}/scholard-bench-idle.XXXXXX")
work_dirs+=("$dir")
"$root/scripts/bench-fixtures.sh" "$papers" "$dir" > /dev/null
start_server "$dir"
write_config "$dir"
"$scholard" --config "$dir/scholard.toml" sync > "$dir/sync.out" 2>&1 || {
  echo "bench-idle: the first sync failed:" >&2
  cat "$dir/sync.out" >&2
  exit 1
}

"$scholard" --config "$dir/scholard.toml" --log-level debug daemon > "$dir/daemon.log" 2>&1 &
daemon=$!
extra_pids+=("$daemon")
for _ in $(seq 1 1200); do  # the start-up pass: up to 2 min on a busy machine
  grep -q 'next pass in' "$dir/daemon.log" && break
  kill -0 "$daemon" 2> /dev/null || { cat "$dir/daemon.log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'next pass in' "$dir/daemon.log" || { echo "bench-idle: no start-up pass" >&2; exit 1; }
sleep 1  # let the pass's last writes and frees settle

# Sums over every thread of the daemon: "cpu_ns voluntary nonvoluntary timeslices threads".
sample() {
  local task cpu=0 vol=0 invol=0 slices=0 threads=0 a c
  for task in /proc/"$daemon"/task/*; do
    read -r a _ c < "$task/schedstat"
    cpu=$((cpu + a)); slices=$((slices + c))
    vol=$((vol + $(awk '/^voluntary_ctxt_switches/ { print $2 }' "$task/status")))
    invol=$((invol + $(awk '/^nonvoluntary_ctxt_switches/ { print $2 }' "$task/status")))
    threads=$((threads + 1))
  done
  echo "$cpu $vol $invol $slices $threads"
}
rss_kib() { awk '/^VmRSS/ { print $2 }' /proc/"$daemon"/status; }

passes_before=$(grep -c 'next pass in' "$dir/daemon.log")
requests_before=$(grep -c ' -> ' "$dir/server.log" || true)
read -r cpu0 vol0 invol0 slices0 threads < <(sample)
rss_max=0
rss_min=0
for ((t = 0; t < seconds; t++)); do
  sleep 1
  rss=$(rss_kib)
  ((rss > rss_max)) && rss_max=$rss
  ((rss_min == 0 || rss < rss_min)) && rss_min=$rss
done
read -r cpu1 vol1 invol1 slices1 threads < <(sample)
passes=$(($(grep -c 'next pass in' "$dir/daemon.log") - passes_before))
requests=$(($(grep -c ' -> ' "$dir/server.log" || true) - requests_before))
hwm=$(awk '/^VmHWM/ { print $2 }' /proc/"$daemon"/status)
anon=$(awk '/^RssAnon/ { print $2 }' /proc/"$daemon"/status)
file=$(awk '/^RssFile/ { print $2 }' /proc/"$daemon"/status)
pss=$(awk '/^Pss:/ { print $2 }' /proc/"$daemon"/smaps_rollup 2> /dev/null || echo 0)
next=$(grep -o 'next pass in [0-9]* ms' "$dir/daemon.log" | tail -1)

echo "# scholard idle daemon $(date -u +%FT%TZ), $papers papers, nothing due, ${seconds} s window"
echo "# $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# start-up pass: $(grep -o 'daemon: [0-9]* papers.*requests.*' "$dir/daemon.log" | tail -1)"
awk -v s="$seconds" -v cpu=$((cpu1 - cpu0)) -v vol=$((vol1 - vol0)) -v invol=$((invol1 - invol0)) \
  -v slices=$((slices1 - slices0)) -v threads="$threads" -v rmin="$rss_min" -v rmax="$rss_max" -v hwm="$hwm" \
  -v anon="$anon" -v file="$file" -v pss="$pss" -v passes="$passes" -v requests="$requests" -v next_line="$next" 'BEGIN {
    printf "rss_idle_MiB      %.1f (min) .. %.1f (max over the window)\n", rmin / 1024, rmax / 1024
    printf "rss_split_MiB     %.1f anonymous (heap, stacks) + %.1f file-backed (shared libraries, mostly)\n", anon / 1024, file / 1024
    printf "pss_MiB           %.1f (shared pages divided among the processes mapping them)\n", pss / 1024
    printf "rss_peak_MiB      %.1f (VmHWM: the start-up pass included)\n", hwm / 1024
    printf "cpu_ms            %.3f over %d s (%.4f %% of one CPU)\n", cpu / 1e6, s, cpu / 1e7 / s
    printf "wakeups_per_min   %.1f (voluntary context switches, all %d threads)\n", vol * 60 / s, threads
    printf "involuntary       %d; timeslices %d\n", invol, slices
    printf "passes            %d in the window (%s)\n", passes, next_line
    printf "http_requests     %d in the window\n", requests
  }'

if ((use_strace)); then
  command -v strace > /dev/null || { echo "bench-idle: --strace needs strace" >&2; exit 2; }
  timeout --signal=INT "$seconds" strace -f -c -p "$daemon" -o "$dir/strace.txt" 2> /dev/null || true
  echo "# strace -f -c over another $seconds s (calls per syscall):"
  awk 'NR > 2 && $NF != "total" && $4 ~ /^[0-9]+$/ { printf "  %-16s %s\n", $NF, $4; n++ }
       END { if (!n) print "  (none: not one system call, so not one wake-up)" }' "$dir/strace.txt"
fi
