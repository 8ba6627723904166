// Schema migrations: numbered patches keyed by `PRAGMA user_version`
// (newsboat-style). Patch N takes a database from version N-1 to N and runs in
// one transaction together with the version bump, so a crash leaves either the
// old or the new schema, never half of one. Patches are append-only: once
// released, a patch is never edited; a change is a new patch.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/sqlite.hpp"

namespace scholard::store {

// The newest schema this binary knows.
inline constexpr int k_schema_version = 7;

struct SchemaPatch {
  int version;           // the user_version after this patch
  std::string_view sql;  // statements, no parameters
  // The patch rebuilds a table others reference: applied with foreign keys
  // off (checked before commit), so dropping the old table cascades nowhere.
  bool rebuilds_tables = false;
};

// Every patch, oldest first (index i holds version i + 1).
const std::vector<SchemaPatch>& schema_patches();

// Reads PRAGMA user_version. Error: io.
core::Result<int> schema_version(Database& db);

// Refuses a database written by a newer scholard. Error: unsupported,
// "store X was written by a newer scholard (schema 7, this binary knows up to 2)".
core::Result<void> check_not_newer(Database& db, int version);

// Applies the patches the database lacks, up to `target` (tests stop early to
// build old databases). Each patch takes the write lock (BEGIN IMMEDIATE) and
// re-reads the version inside the transaction, so two processes migrating at
// once apply each patch exactly once. Returns the resulting version.
// Error: unsupported for a newer database, busy/io from sqlite (the failing
// patch is rolled back; earlier patches stay applied).
core::Result<int> migrate(Database& db, int target = k_schema_version);

}  // namespace scholard::store
