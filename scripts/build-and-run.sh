#!/usr/bin/env bash
# README command (1): install what is missing, build, and run the main job:
# `scholard sync` on the example configuration. Extra arguments go to scholard.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/src/cli/scholard --config config/scholard.example.toml sync "$@"
