#!/usr/bin/env bash
# Renders the demo's research page (build/demo/_site/research/index.html, made
# by scripts/demo.sh, which runs first when the page is missing) with headless
# Chromium into docs/img/research-page.png, the picture in the README.
#   scripts/screenshot.sh [OUTPUT.png]
# Needs Debian's `chromium` (scripts/install-deps.sh --site). Offline: the page
# is opened from disk, its stylesheet is inlined, and Chromium's background
# networking (updates, sync, QUIC) is switched off. A 1200x2400 window at 90 %
# zoom gives a 1080x2160 PNG of about 440 kB (the limit here is 500 kB).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

page=${SCHOLARD_BUILD_DIR:-build}/demo/_site/research/index.html
out=${1:-docs/img/research-page.png}
[[ $out == /* ]] || out=$root/$out
max_bytes=500000

fail() { printf 'screenshot: FAILED: %s\n' "$*" >&2; exit 1; }

command -v chromium >/dev/null ||
  fail "chromium is not installed; install it with 'scripts/install-deps.sh --site' (as root) or 'apt-get install chromium'"
if [[ ! -f $page ]]; then
  echo "screenshot: no $page yet: running scripts/demo.sh"
  scripts/demo.sh
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$(dirname "$out")"
rm -f "$out"
echo "screenshot: chromium --headless ... file://$root/$page"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --force-device-scale-factor=0.9 \
  --screenshot="$out" --window-size=1200,2400 "file://$root/$page" 2>"$profile/chromium.log" ||
  fail "chromium failed: $(tail -n 5 "$profile/chromium.log")"
[[ -s $out ]] || fail "chromium wrote no $out: $(tail -n 5 "$profile/chromium.log")"

bytes=$(stat -c %s "$out")
echo "screenshot: $out ($bytes bytes)"
((bytes < max_bytes)) || fail "$out is $bytes bytes, more than $max_bytes: make the window or the zoom smaller"
