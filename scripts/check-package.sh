#!/usr/bin/env bash
# Builds the Debian package and checks it the way a user would meet it:
#  1. configures BUILD_DIR (default build-pkg) with the Debian paths
#     (prefix /usr, system units in /lib/systemd/system; cmake/Package.cmake),
#     builds scholard and `--target package`: scholard_<version>_<arch>.deb;
#  2. lintian on the .deb: no errors. Today it reports no warnings either;
#     its informational tags (hardening-no-bindnow/-fortify-functions: the
#     build does not add Debian's hardening flags; .comment sections; an
#     init.d script it would like) are printed with -I. A finding to accept
#     goes into an override file installed in /usr/share/lintian/overrides/,
#     with its reason, never into a flag here;
#  3. `dpkg -x` into a scratch root: every file in its Debian place, the
#     unpacked scholard answers --version, the installed units pass
#     `systemd-analyze verify` with ExecStart= pointed into the scratch root
#     (system units, then user units with --user);
#  4. the example CI workflow (examples/ci/*.yml) parses as YAML and has a
#     schedule and the steps it promises.
# Usage: scripts/check-package.sh [BUILD_DIR]
# Exit status: 0 when every check passed, 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-pkg}
cd "$here"

fail() { echo "check-package: FAIL: $*" >&2; exit 1; }
for tool in lintian dpkg-deb dpkg-shlibdeps systemd-analyze python3; do
  command -v "$tool" >/dev/null || fail "$tool not found (scripts/install-deps.sh installs it)"
done

echo "-- configure and build $build (prefix /usr)"
# The flags of the test build (warnings as errors, as in CI), so that a
# compiler cache serves most of this second build.
launcher=$(command -v ccache || true)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
  -DSCHOLARD_SYSTEMD_UNIT_DIR=/lib/systemd/system -DSCHOLARD_BUILD_TESTS=OFF -DSCHOLARD_BUILD_BENCH=OFF \
  -DSCHOLARD_WERROR=ON ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher -DCMAKE_C_COMPILER_LAUNCHER=$launcher} >/dev/null
cmake --build "$build" --target scholard scholard-daemon scholard_completions scholard_compressed_docs
rm -f "$build"/scholard_*.deb
(cd "$build" && cpack -G DEB >/dev/null) || fail "cpack"
deb=$(ls "$build"/scholard_*_*.deb)
[[ $(basename "$deb") =~ ^scholard_[0-9.]+_amd64\.deb$ ]] || fail "unexpected package name $(basename "$deb")"
echo "-- $deb"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\|Installed-Size\):/  &/p'

echo "-- lintian"
# --fail-on error: warnings and information are printed, errors fail.
lintian --fail-on error -I --tag-display-limit 0 "$deb" || fail "lintian found errors"

echo "-- dpkg -x into a scratch root"
root=$(mktemp -d "${TMPDIR:-/tmp}/scholard-pkg.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
dpkg -x "$deb" "$root"
for f in usr/bin/scholard usr/libexec/scholard/scholard-daemon usr/share/man/man1/scholard.1.gz \
         usr/share/bash-completion/completions/scholard usr/share/zsh/vendor-completions/_scholard \
         usr/share/fish/vendor_completions.d/scholard.fish usr/share/doc/scholard/copyright \
         usr/share/doc/scholard/changelog.gz usr/share/doc/scholard/examples/scholard.example.toml \
         usr/share/doc/scholard/examples/github-pages-sync.yml \
         lib/systemd/system/scholard.service lib/systemd/system/scholard-sync.service \
         lib/systemd/system/scholard-sync.timer usr/lib/systemd/user/scholard.service \
         usr/lib/systemd/user/scholard-sync.service usr/lib/systemd/user/scholard-sync.timer; do
  [[ -e "$root/$f" ]] || fail "/$f is not in the package"
done
version=$("$root/usr/bin/scholard" --version) || fail "scholard --version from the scratch root"
echo "  $version"
[[ "$version" == "scholard $(dpkg-deb -f "$deb" Version)" ]] || fail "--version says '$version'"

echo "-- systemd-analyze verify on the installed units"
units=$root/units
mkdir -p "$units/system" "$units/user" && mkdir -m 0700 "$root/runtime"
for kind in system user; do
  src=$root/lib/systemd/system
  [[ $kind == user ]] && src=$root/usr/lib/systemd/user
  for unit in "$src"/*; do
    grep -q '^ExecStart=/usr/bin/scholard ' "$unit" || [[ $unit == *.timer ]] || fail "$unit: ExecStart= is not /usr/bin/scholard"
    sed "s#^ExecStart=/usr/bin/scholard#ExecStart=$root/usr/bin/scholard#" "$unit" >"$units/$kind/$(basename "$unit")"
  done
done
for unit in "$units"/system/*; do
  (cd "$units/system" && systemd-analyze verify --recursive-errors=yes --man=no "$unit") ||
    fail "systemd-analyze verify $(basename "$unit")"
  echo "  verify $(basename "$unit"): ok"
done
for unit in "$units"/user/*; do
  (cd "$units/user" && XDG_RUNTIME_DIR=$root/runtime systemd-analyze --user verify --recursive-errors=yes --man=no "$unit") ||
    fail "systemd-analyze --user verify $(basename "$unit")"
  echo "  verify user/$(basename "$unit"): ok"
done

echo "-- the example CI workflow"
python3 scripts/check-workflow.py examples/ci/*.yml || fail "examples/ci"
echo "check-package: $(basename "$deb") ok"
