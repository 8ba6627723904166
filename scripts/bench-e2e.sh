#!/usr/bin/env bash
# End-to-end benchmark: `scholard sync` against scholard-fakeapi on generated
# lists of papers (scripts/bench-fixtures.sh), then a second sync with nothing
# due. Prints, per size: requests per source (the server's count), duplicate
# requests, the rate-limit floor, wall time, wall / floor, CPU per paper, peak
# RSS, and the referee's violations. Method and results: docs/benchmarks.md.
#
#   scripts/bench-e2e.sh [--build DIR] [--sizes "20 1000 10000"] [--repeat N]
#                        [--arxiv-interval MS] [--crossref-limit N] [--keep]
#                        [--mix half|doi20] [--crossref-batch N]
#                        [--crossref-list-limit N]
#
#   --build DIR          build folder holding scholard and scholard-fakeapi
#                        (default: build-bench, else build); both are built
#                        there when missing (use a Release/RelWithDebInfo build)
#   --sizes LIST         paper counts (default "20 1000 10000")
#   --repeat N           runs per size (default 1); every run is printed
#   --arxiv-interval MS  scholard's arXiv min_interval (default 50); the
#                        server referees at MS - 5 ms
#   --crossref-limit N   requests per second the server announces and
#                        enforces (default 100; the client lets at most that
#                        many start in any 1.03 s), concurrency 3
#   --mix half|doi20     the papers (scripts/bench-fixtures.sh): half have a
#                        DOI (default), or 80 % arXiv ids and 20 % DOIs
#   --crossref-batch N   DOIs per list request ([sources.crossref] batch,
#                        default 50; 1 = one request per DOI)
#   --crossref-list-limit N  list requests per second the server announces
#                        and enforces (default 3), concurrency 1
#   --keep               keep the temp folders (their paths are printed)
#
# Runs only on loopback. Needs bash, awk, curl and GNU time (/usr/bin/time).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=""
sizes="20 1000 10000"
repeat=1
arxiv_ms=50
crossref_limit=100
crossref_concurrency=3
batch_size=100
crossref_batch=50
crossref_list_limit=3
crossref_list_concurrency=1
mix=half
keep=0
while (($#)); do
  case $1 in
    --build) build=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --arxiv-interval) arxiv_ms=$2; shift 2 ;;
    --crossref-limit) crossref_limit=$2; shift 2 ;;
    --crossref-batch) crossref_batch=$2; shift 2 ;;
    --crossref-list-limit) crossref_list_limit=$2; shift 2 ;;
    --mix) mix=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-e2e: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
# shellcheck source=scripts/bench-lib.sh
source "$root/scripts/bench-lib.sh"
find_binaries
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_sync DIR NAME: one `scholard sync`; writes DIR/NAME.{out,err,rc,measure}
# with "wall_ms user_s sys_s maxrss_kib". CPU comes from bash's `times`
# (getrusage of the waited-for children, microsecond resolution: GNU time's
# %U/%S print only 10 ms); peak RSS from GNU time's %M.
run_sync() {
  local dir=$1 name=$2 t0 t1
  t0=$(date +%s%N)
  (
    set +e
    /usr/bin/time -f '%M' -o "$dir/$name.rss" "$scholard" --config "$dir/scholard.toml" sync \
      > "$dir/$name.out" 2> "$dir/$name.err"
    echo $? > "$dir/$name.rc"
    times > "$dir/$name.times"
  )
  t1=$(date +%s%N)
  # `times` line 2: children's "XmY.YYYs XmY.YYYs" (user, system).
  awk -v wall=$(((t1 - t0) / 1000000)) -v rss="$(tail -1 "$dir/$name.rss")" 'NR == 2 {
      split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2])
      printf "%d %.3f %.3f %d\n", wall, u[1] * 60 + u[2], s[1] * 60 + s[2], rss
    }' "$dir/$name.times" > "$dir/$name.measure"
}

# request_counts LOG: "arxiv_requests arxiv_ids arxiv_unique crossref_requests
# crossref_list_requests crossref_dois crossref_unique" from the server's
# request log (one line per request; a list request asks for every DOI of
# its filter).
request_counts() {
  awk '
    / \/_control\// { next }
    / (GET|POST) \/api\/query/ {
      ar++
      if (match($0, /id_list=[^& ]*/)) {
        list = substr($0, RSTART + 8, RLENGTH - 8); gsub(/%2C|%2c/, ",", list)
        n = split(list, ids, ",")
        for (i = 1; i <= n; i++) { ax_ids++; if (!(ids[i] in seen_ax)) { seen_ax[ids[i]]; ax_unique++ } }
      }
    }
    / (GET|HEAD) \/(v1\/)?works\// {
      cr++; cr_dois++
      match($0, /\/works\/[^? ]*/); doi = tolower(substr($0, RSTART + 7, RLENGTH - 7))
      if (!(doi in seen_cr)) { seen_cr[doi]; cr_unique++ }
    }
    / GET \/(v1\/)?works\?/ {
      cr++; cr_list++
      if (match($0, /filter=[^& ]*/)) {
        n = split(substr($0, RSTART + 7, RLENGTH - 7), clauses, ",")
        for (i = 1; i <= n; i++) {
          doi = tolower(clauses[i]); sub(/^doi(:|%3a)/, "", doi); cr_dois++
          if (!(doi in seen_cr)) { seen_cr[doi]; cr_unique++ }
        }
      }
    }
    END { printf "%d %d %d %d %d %d %d\n", ar, ax_ids, ax_unique, cr, cr_list, cr_dois, cr_unique }
  ' "$1"
}

violations() { grep -c '^VIOLATION' "$1" || true; }

# report SIZE IDS DOIS NAME DIR LOG_FROM: one result line.
report() {
  local size=$1 ids=$2 dois=$3 name=$4 dir=$5 from=$6
  tail -n +"$from" "$dir/server.log" > "$dir/$name.server.log"
  read -r ar ax_ids ax_unique cr cr_list cr_dois cr_unique < <(request_counts "$dir/$name.server.log")
  read -r wall user sys rss < "$dir/$name.measure"
  local viol rc
  viol=$(violations "$dir/$name.server.log")
  rc=$(cat "$dir/$name.rc")
  awk -v size="$size" -v ids="$ids" -v dois="$dois" -v name="$name" -v ar="$ar" -v ax_ids="$ax_ids" \
    -v ax_unique="$ax_unique" -v cr="$cr" -v cr_list="$cr_list" -v cr_dois="$cr_dois" -v cr_unique="$cr_unique" \
    -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" -v viol="$viol" -v rc="$rc" \
    -v interval="$arxiv_ms" -v limit="$crossref_limit" -v list_limit="$crossref_list_limit" \
    -v batch="$batch_size" -v cr_batch="$crossref_batch" '
    function ceil(x) { return x == int(x) ? x : int(x) + 1 }
    BEGIN {
      # Floor: arXiv (requests - 1) x interval (the first one starts at once);
      # Crossref single requests / announced rate; list requests: `list_limit`
      # in any second, so (ceil(n / list_limit) - 1) s. The sources (and
      # the two Crossref routes) run concurrently.
      fa = (ar > 1 ? ar - 1 : 0) * interval
      fc = (cr - cr_list) * 1000 / limit
      fl = cr_list > 0 ? (ceil(cr_list / list_limit) - 1) * 1000 : 0
      floor = fa > fc ? fa : fc
      floor = floor > fl ? floor : fl
      want_ar = name == "first" ? ceil(ids / batch) : 0
      want_cr = name == "first" ? (cr_batch > 1 ? ceil(dois / cr_batch) : dois) : 0
      dup = (ax_ids - ax_unique) + (cr_dois - cr_unique)
      printf "%-6s %-7s %5d/%-5d %5d/%-5d %4d %8.0f %8d %7s %8.1f %7.1f %4s %3d\n", size, name, ar, want_ar,
             cr, want_cr, dup, floor, wall, (floor > 0 ? sprintf("%.2f", wall / floor) : "-"),
             (user + sys) * 1e6 / size, rss / 1024, viol, rc
    }'
}

echo "# scholard e2e benchmark $(date -u +%FT%TZ) on $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))"
echo "# arXiv interval ${arxiv_ms} ms (server referee $((arxiv_ms - 5)) ms), batch $batch_size;" \
  "Crossref $crossref_limit/s announced, concurrency $crossref_concurrency;" \
  "lists $crossref_list_limit/s, concurrency $crossref_list_concurrency, batch $crossref_batch; mix $mix"
echo "# req = server-counted requests / expected (first sync: ceil(arXiv ids / batch), ceil(DOIs / Crossref batch); second: 0)"
echo "# dup = repeated ids or DOIs; floor, wall in ms; cpu/paper = (user+sys) / papers in us; rss MiB; viol = referee"
printf '%-6s %-7s %-11s %-11s %4s %8s %8s %7s %8s %7s %4s %3s\n' papers sync arxiv-req crossref-req dup \
  floor_ms wall_ms wall/fl cpu/pap rss_MiB viol rc
for size in $sizes; do
  for ((r = 1; r <= repeat; r++)); do
    dir=$(mktemp -d "${TMPDIR:-/tmp}/scholard-bench-e2e.XXXXXX")
    work_dirs+=("$dir")
    read -r _ ids_kv dois_kv < <("$root/scripts/bench-fixtures.sh" "$size" "$dir" "$mix")
    ids=${ids_kv#arxiv_ids=}
    dois=${dois_kv#dois=}
    start_server "$dir"
    write_config "$dir"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    from=$(($(wc -l < "$dir/server.log") + 1))
    run_sync "$dir" first
    report "$size" "$ids" "$dois" first "$dir" "$from"
    from=$(($(wc -l < "$dir/server.log") + 1))
    run_sync "$dir" second
    report "$size" "$ids" "$dois" second "$dir" "$from"
    echo "#   load average before: $load; summary: $(grep -ho 'sync: .*' "$dir/first.out" "$dir/first.err" | head -1)"
    stop_fakeapi
  done
done
