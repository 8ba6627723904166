#!/usr/bin/env bash
# Runs one libFuzzer target: first every committed seed and regression input
# once (a past crash that comes back fails here), then SECONDS of fuzzing
# from a scratch copy of the seeds. A crash leaves its input in WORK/artifacts/.
# Usage: run_fuzzer.sh BINARY SEED_DIR WORK_DIR SECONDS
set -euo pipefail
binary=$1 seeds=$2 work=$3 seconds=$4
mkdir -p "$work/corpus" "$work/artifacts"
"$binary" -runs=0 "$seeds"
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds"
