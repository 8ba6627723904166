# shellcheck shell=bash disable=SC2154  # the variables below are set by the sourcing script
# Shared by scripts/bench-e2e.sh and scripts/bench-idle.sh (sourced, not run):
# finding the binaries, the fake API server's life, the benchmark config.
# Expects $root, $arxiv_ms, $crossref_limit, $crossref_concurrency,
# $batch_size; optionally $crossref_batch (DOIs per list request, default 50),
# $crossref_list_limit and $crossref_list_concurrency (what the server
# announces for lists, default 3/s and 1); see docs/benchmarks.md.

# find_binaries: sets $scholard and $fakeapi from $build (default build-bench,
# else build), building both there when missing.
find_binaries() {
  if [[ -z ${build:-} ]]; then
    build=$root/build-bench
    [[ -d $build ]] || build=$root/build
  fi
  scholard=$build/src/cli/scholard
  fakeapi=$build/tools/fakeapi/scholard-fakeapi
  if [[ ! -x $scholard || ! -x $fakeapi ]]; then
    cmake --build "$build" -j2 --target scholard scholard-fakeapi
  fi
  for tool in /usr/bin/time curl awk; do
    command -v "$tool" > /dev/null || { echo "$(basename "$0"): $tool is required" >&2; exit 2; }
  done
}

# shellcheck source=scripts/lib/fakeapi.sh
source "$root/scripts/lib/fakeapi.sh"

server_pid=""
extra_pids=()
work_dirs=()
keep=${keep:-0}
# cleanup: stops what the script started (by pid) and removes its temp folders.
cleanup() {
  local pid
  for pid in "${extra_pids[@]}"; do
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  stop_fakeapi
  if ((keep)); then printf 'kept: %s\n' "${work_dirs[@]}" >&2; else rm -rf "${work_dirs[@]}"; fi
}

# start_server DIR: starts scholard-fakeapi on DIR/fixtures with the
# benchmark's limits, sets $server_pid and $port.
start_server() {
  local dir=$1
  # up to 60 s: loading 10,000 fixtures on a busy machine
  start_fakeapi "$dir" 600 --fixtures "$dir/fixtures" --arxiv-interval "$((arxiv_ms - 5))ms" \
    --crossref-limit "$crossref_limit" --crossref-interval 1s --crossref-concurrency "$crossref_concurrency" \
    --crossref-list-limit "${crossref_list_limit:-3}" --crossref-list-concurrency "${crossref_list_concurrency:-1}" ||
    exit 1
}

write_config() {
  local dir=$1
  mkdir -p "$dir/site/_pages" "$dir/site/_bibliography" "$dir/site/_data"
  printf '# Publications\n\n<!-- scholard:begin -->\n<!-- scholard:end -->\n' > "$dir/site/_pages/research.md"
  cat > "$dir/scholard.toml" <<EOF
[profile]
name    = "Joe Benton"
aliases = ["Joseph Benton", "J. Benton"]
contact = "bench@example.org"

[store]
path = "scholard.db"

[sources.arxiv]
base_url     = "http://127.0.0.1:$port/api/query"
min_interval = "${arxiv_ms}ms"
batch_size   = $batch_size

[sources.crossref]
base_url    = "http://127.0.0.1:$port"
concurrency = $crossref_concurrency
batch       = ${crossref_batch:-50}

# Off: the figures in docs/benchmarks.md measure arXiv and Crossref (one
# Semantic Scholar request per 500 papers would add about a second each).
[sources.semanticscholar]
base_url = "http://127.0.0.1:$port/graph/v1"
enabled  = false

[schedule]
refresh  = "1d"
interval = "6h"
jitter   = "10m"

[[output]]
format = "markdown"
path   = "site/_pages/research.md"

[[output]]
format = "bibtex"
path   = "site/_bibliography/papers.bib"

[[output]]
format = "csl-json"
path   = "site/_data/papers.csl.json"

[[output]]
format = "json"
path   = "site/_data/publications.json"

[[output]]
format = "academicpages"
path   = "site/_publications"

EOF
  cat "$dir/papers.toml" >> "$dir/scholard.toml"
}

