#!/usr/bin/env bash
# Rebuilds schema6.db, the schema-6 store tests/unit/store/migrate6_test.cpp
# migrates (PROVENANCE.md). Needs the schema-6 scholard (the release before
# schema 7) and a scholard-fakeapi; run from the repository root:
#   tests/data/store/make-schema6.sh SCHOLARD FAKEAPI WORKDIR
# Writes WORKDIR/schema6.db; copy it here.
set -euo pipefail
scholard=$1 fakeapi=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
# shellcheck source=scripts/lib/fakeapi.sh
source "$root/scripts/lib/fakeapi.sh"
mkdir -p "$work"
rm -f "$work"/schema6.db*
trap stop_fakeapi EXIT
start_fakeapi "$work" 100 --fixtures tests/data/seed --arxiv-interval 100ms || exit 1
sed "s/PORT/$port/g" "$here/schema6.toml" >"$work/scholard.toml"
# Run 1: the first sync (arXiv for two papers, Crossref for two DOIs, one of
# them unknown: a failing fetch). Exits 1 for the failure: tolerated.
"$scholard" --config "$work/scholard.toml" sync || true
# Run 2: everything again (records unchanged, the failure counts 2).
"$scholard" --config "$work/scholard.toml" sync --force || true
# Run 3: the second paper leaves the config ("removed" in the history) and
# the third one's title changes (a "changed" config entry).
sed -i '/^arxiv = "2308.03686"$/d; /^\[\[paper\]\] # second$/d' "$work/scholard.toml"
sed -i 's/^title = "A paper Crossref does not know"$/title = "A paper the registry does not know"/' "$work/scholard.toml"
"$scholard" --config "$work/scholard.toml" sync || true
sqlite3 "$work/schema6.db" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;' >/dev/null
