#!/usr/bin/env bash
# Installs the Debian 12 packages scholard needs, and only those that are missing.
# Idempotent: when everything is present it prints so and changes nothing.
#   scripts/install-deps.sh            build + test dependencies (jekyll included: the site
#                                      test and scripts/demo.sh build the example site;
#                                      dpkg-dev, lintian, python3-yaml: scripts/check-package.sh)
#   scripts/install-deps.sh --site     also chromium (scripts/screenshot.sh)
# Runs apt-get as root (directly, or through sudo when available).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libcurl4-openssl-dev libsimdjson-dev libsqlite3-dev libboost-dev libspdlog-dev
  libgtest-dev libgmock-dev libpugixml-dev libtomlplusplus-dev libcli11-dev
  libutf8proc-dev libxxhash-dev libexpected-dev libmstch-dev libbenchmark-dev
  sqlite3 systemd
  clang libclang-rt-14-dev valgrind openssl jekyll
  dpkg-dev lintian python3-yaml
)
if [[ "${1:-}" == "--site" ]]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (apt-get needs it)" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh image has no package lists; refresh them once if a package is unknown.
if ! "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  "${sudo_cmd[@]}" apt-get update
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
