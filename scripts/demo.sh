#!/usr/bin/env bash
# The demo, offline: the seed researcher's publication list, fetched by scholard
# from the fake arXiv + Crossref server (recorded responses, loopback only) and
# built into an HTML site by Jekyll.
#   scripts/demo.sh          -> build/demo/_site/research/index.html
#   SCHOLARD_BUILD_DIR=build-x scripts/demo.sh   uses (and writes into) build-x/
# Works on a copy of examples/site under build/demo/ (the committed site is not
# touched) with its own store; every run starts from scratch. Needs the build
# (scripts/build.sh; run here when the binaries are missing) and Debian's
# `jekyll` package (scripts/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=${SCHOLARD_BUILD_DIR:-build}
demo=$build/demo
scholard=$build/src/cli/scholard
fakeapi=$build/tools/fakeapi/scholard-fakeapi

# shellcheck source=scripts/lib/fakeapi.sh
source scripts/lib/fakeapi.sh

step() { printf '\ndemo: %s\n' "$*"; }
fail() { printf 'demo: FAILED: %s\n' "$*" >&2; exit 1; }

step "1/6 checking for jekyll"
command -v jekyll >/dev/null ||
  fail "jekyll is not installed; install it with 'scripts/install-deps.sh' (as root) or 'apt-get install jekyll'"
jekyll --version

step "2/6 checking the build"
if [[ ! -d $build && $build == build ]]; then
  echo "no build/ yet: running scripts/build.sh"
  scripts/build.sh
elif [[ ! -x $scholard || ! -x $fakeapi ]]; then
  echo "building scholard and scholard-fakeapi in $build/"
  cmake --build "$build" --target scholard scholard-fakeapi
fi
[[ -x $scholard && -x $fakeapi ]] || fail "$scholard or $fakeapi missing after the build"
echo "$scholard, $fakeapi"

step "3/6 starting the fake arXiv + Crossref server (tests/data/seed, loopback)"
rm -rf "$demo"
mkdir -p "$demo"
trap stop_fakeapi EXIT
start_fakeapi "$demo" 100 --fixtures tests/data/seed --arxiv-interval 200ms --s2-interval 200ms ||  # 10 s
  fail "scholard-fakeapi did not start (its log is above)"
echo "listening on 127.0.0.1:$port (requests logged to $demo/server.log)"

step "4/6 writing $demo/scholard.toml (config/scholard.example.toml pointed at the fake server and at $demo/site)"
cp -R examples/site "$demo/site"
rm -rf "$demo/site/_site" "$demo/site/.jekyll-cache"
fakeapi_config "$demo/scholard.toml" \
    -e 's#min_interval = "3s"#min_interval = "250ms"#' \
    -e 's#min_interval = "1s"#min_interval = "250ms"#' \
    -e 's#"\.\./examples/site/#"site/#' \
    -e 's#"\.\./var/scholard\.db"#"scholard.db"#'
# Every URL must be on loopback and every path inside build/demo, or the demo
# would reach the internet or write into the committed example site.
if grep -E '^[[:space:]]*(base_url|path)[[:space:]]*=' "$demo/scholard.toml" | grep -Eq 'https://|\.\./'; then
  fail "config/scholard.example.toml changed shape; $demo/scholard.toml still points outside the demo"
fi
"$scholard" --config "$demo/scholard.toml" check

step "5/6 scholard sync"
status=0
"$scholard" --config "$demo/scholard.toml" sync || status=$?
stop_fakeapi
[[ $status -eq 0 ]] || fail "scholard sync exited with status $status (server log: $demo/server.log)"

step "6/6 jekyll build --source $demo/site --destination $demo/_site"
jekyll build --source "$demo/site" --destination "$demo/_site" ||
  fail "jekyll build failed"
page=$demo/_site/research/index.html
[[ -f $page ]] || fail "jekyll built no $page"

printf '\ndemo: done. The research page with the generated publication list:\n  %s\n  file://%s\n' \
  "$page" "$root/$page"
printf 'Each paper also has its own page in %s/_site/publication/\n' "$demo"
