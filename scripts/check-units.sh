#!/bin/sh
# Checks the systemd units in systemd/ without installing or starting them
# (no PID 1 needed; systemd-analyze 252 or newer):
#  - `systemd-analyze verify --recursive-errors=yes --man=no` on every unit:
#    unknown keys, bad values, a missing ExecStart binary, broken references;
#  - `systemd-analyze security --offline=true --threshold=20` on every service:
#    the exposure score must stay <= 2.0 (scores are printed);
#  - the same two checks on scholard.service with systemd/site-access.conf
#    applied, so the documented drop-in is known to be valid too;
#  - `systemd-analyze --user verify` on the user units in systemd/user/.
# ExecStart= is pointed at BUILD_DIR/src/cli/scholard in temporary copies; if
# that binary does not exist, /bin/true stands in (and the script says so).
#
# Usage: scripts/check-units.sh BUILD_DIR
# Exit status: 0 when every check passed, 1 when one failed, 2 on bad usage.
set -u

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")/.." && pwd)
units_dir="$here/systemd"
build_dir=$1
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "check-units: systemd-analyze not found (apt-get install systemd)" >&2
  exit 1
fi

binary="$build_dir/src/cli/scholard"
if [ -x "$binary" ]; then
  binary=$(cd "$(dirname "$binary")" && pwd)/scholard
else
  echo "check-units: $binary does not exist (build target scholard); using /bin/true for ExecStart"
  binary=/bin/true
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/scholard-units.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# The installed path in ExecStart= is replaced by the built binary.
for unit in "$units_dir"/*.service "$units_dir"/*.timer; do
  sed "s#^\(ExecStart=\)/usr/local/bin/scholard#\1$binary#" "$unit" >"$tmp/$(basename "$unit")"
done
# A drop-in's lines act as if appended to the unit: check the combination.
cat "$tmp/scholard.service" "$units_dir/site-access.conf" >"$tmp/scholard-site-access.service"
# The user units (systemd/user/, for `systemctl --user`) in a folder of their own.
mkdir "$tmp/user"
for unit in "$units_dir"/user/*.service "$units_dir"/user/*.timer; do
  sed "s#^\(ExecStart=\)/usr/local/bin/scholard#\1$binary#" "$unit" >"$tmp/user/$(basename "$unit")"
done

failures=0
fail() {
  echo "check-units: FAIL: $*"
  failures=$((failures + 1))
}

for unit in "$tmp"/*.service "$tmp"/*.timer; do
  name=$(basename "$unit")
  if out=$(cd "$tmp" && systemd-analyze verify --recursive-errors=yes --man=no "$unit" 2>&1); then
    echo "verify   $name: ok"
  else
    fail "systemd-analyze verify $name"
  fi
  # Warnings with rc 0 still deserve a look: print whatever verify said.
  if [ -n "$out" ]; then printf '%s\n' "$out" | sed 's/^/    /'; fi
done

# A user manager needs a runtime directory even to verify offline. The user
# units get no security threshold: without privileges a user manager cannot
# set up the mount namespaces (ProtectSystem=, PrivateTmp= ...) the score
# counts, and the service has to write into the home folder anyway.
mkdir -m 0700 "$tmp/runtime"
for unit in "$tmp"/user/*.service "$tmp"/user/*.timer; do
  name=user/$(basename "$unit")
  if out=$(cd "$tmp/user" && XDG_RUNTIME_DIR="$tmp/runtime" systemd-analyze --user verify --recursive-errors=yes \
      --man=no "$unit" 2>&1); then
    echo "verify   $name: ok"
  else
    fail "systemd-analyze --user verify $name"
  fi
  if [ -n "$out" ]; then printf '%s\n' "$out" | sed 's/^/    /'; fi
done

for unit in "$tmp"/*.service; do
  name=$(basename "$unit")
  out=$(systemd-analyze security --offline=true --threshold=20 --no-pager "$unit" 2>&1)
  rc=$?
  score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: *\([0-9.]*\).*/\1/p')
  if [ $rc -eq 0 ] && [ -n "$score" ]; then
    echo "security $name: exposure $score (threshold 2.0)"
  else
    fail "systemd-analyze security $name: exposure ${score:-unknown} (threshold 2.0)"
    printf '%s\n' "$out" | grep -E '^✗|Overall' | sed 's/^/    /'
  fi
done

if [ $failures -ne 0 ]; then
  echo "check-units: $failures check(s) failed"
  exit 1
fi
echo "check-units: all units ok"
