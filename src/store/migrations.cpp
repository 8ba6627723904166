#include "store/migrations.hpp"

#include <string>

namespace scholard::store {

using core::ErrorCode;
using core::Result;

namespace {

// Times are unix seconds (UTC) in INTEGER columns; NULL means "never".
// Text columns are NOT NULL DEFAULT '' so "absent" has one spelling.
constexpr std::string_view k_patch_1 = R"sql(
CREATE TABLE papers (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  arxiv_id   TEXT NOT NULL DEFAULT '',
  doi        TEXT NOT NULL DEFAULT '',
  title      TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0,
  added_at   INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE TABLE sources (
  paper_id      INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
  source        TEXT NOT NULL CHECK (source IN ('arxiv', 'crossref')),
  has_record    INTEGER NOT NULL DEFAULT 0,
  raw_hash      TEXT NOT NULL DEFAULT '',
  fetched_at    INTEGER,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  outcome       TEXT NOT NULL DEFAULT 'never',
  last_error    TEXT NOT NULL DEFAULT '',
  last_attempt  INTEGER,
  last_success  INTEGER,
  failures      INTEGER NOT NULL DEFAULT 0,
  next_due      INTEGER,
  PRIMARY KEY (paper_id, source)
);
CREATE TABLE fields (
  paper_id INTEGER NOT NULL,
  source   TEXT NOT NULL,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (paper_id, source, name),
  FOREIGN KEY (paper_id, source) REFERENCES sources(paper_id, source) ON DELETE CASCADE
);
CREATE TABLE history (
  id        INTEGER PRIMARY KEY,
  paper_id  INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
  source    TEXT NOT NULL,
  at        INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  field     TEXT NOT NULL DEFAULT '',
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_by_paper ON history(paper_id, id);
)sql";

constexpr std::string_view k_patch_2 = R"sql(
CREATE TABLE runs (
  id                INTEGER PRIMARY KEY,
  started_at        INTEGER NOT NULL,
  ended_at          INTEGER,
  command           TEXT NOT NULL DEFAULT '',
  requests_arxiv    INTEGER NOT NULL DEFAULT 0,
  requests_crossref INTEGER NOT NULL DEFAULT 0,
  not_modified      INTEGER NOT NULL DEFAULT 0,
  papers_changed    INTEGER NOT NULL DEFAULT 0,
  outputs_written   INTEGER NOT NULL DEFAULT 0,
  outcome           TEXT NOT NULL DEFAULT 'running',
  message           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sources_by_due ON sources(next_due);
)sql";

// Discovery candidates (see candidates.hpp). Lists are newline-separated.
constexpr std::string_view k_patch_3 = R"sql(
CREATE TABLE candidates (
  key        TEXT PRIMARY KEY,
  arxiv_id   TEXT NOT NULL DEFAULT '',
  doi        TEXT NOT NULL DEFAULT '',
  title      TEXT NOT NULL DEFAULT '',
  authors    TEXT NOT NULL DEFAULT '',
  venue      TEXT NOT NULL DEFAULT '',
  year       INTEGER NOT NULL DEFAULT 0,
  url        TEXT NOT NULL DEFAULT '',
  found_by   TEXT NOT NULL DEFAULT '',
  score      INTEGER NOT NULL DEFAULT 0,
  band       TEXT NOT NULL DEFAULT '',
  reasons    TEXT NOT NULL DEFAULT '',
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  decided_at INTEGER
) WITHOUT ROWID;
CREATE INDEX candidates_by_arxiv ON candidates(arxiv_id) WHERE arxiv_id <> '';
CREATE INDEX candidates_by_doi ON candidates(doi) WHERE doi <> '';
)sql";

// Planning reads the DOI of every kept arXiv record (Store::fetch_overview):
// this small covering index holds just those. From this schema on, writers
// also keep meta's data_generation and reconciled_list (store.hpp); a binary
// that predates them refuses the store rather than change it uncounted.
constexpr std::string_view k_patch_4 = R"sql(
CREATE INDEX fields_arxiv_doi ON fields(paper_id, value) WHERE source = 'arxiv' AND name = 'doi';
)sql";

// A record's fields in one row (record_codec.hpp): the encoding is built here
// from the one-row-per-field table, in SQL, so the patch stays one
// transaction. length(CAST(v AS BLOB)) counts bytes, as the decoder does.
// The DOI of the kept record moves to `sources` (record_doi): planning reads
// it for every arXiv record without touching the records' large rows.
constexpr std::string_view k_patch_5 = R"sql(
CREATE TABLE records (
  paper_id INTEGER NOT NULL,
  source   TEXT NOT NULL,
  fields   BLOB NOT NULL,
  PRIMARY KEY (paper_id, source),
  FOREIGN KEY (paper_id, source) REFERENCES sources(paper_id, source) ON DELETE CASCADE
);
INSERT INTO records (paper_id, source, fields)
  SELECT paper_id, source,
         CAST(group_concat(name || ' ' || length(CAST(value AS BLOB)) || ':' || value || char(10), '') AS BLOB)
  FROM fields WHERE value <> '' GROUP BY paper_id, source;
ALTER TABLE sources ADD COLUMN record_doi TEXT NOT NULL DEFAULT '';
UPDATE sources SET record_doi = coalesce((SELECT f.value FROM fields f WHERE f.paper_id = sources.paper_id
                                           AND f.source = sources.source AND f.name = 'doi'), '')
  WHERE has_record;
DROP INDEX fields_arxiv_doi;
DROP TABLE fields;
)sql";

// sources_by_due served no query: planning reads every sources row
// (Store::fetch_overview) and `status` sorts a union in a temp b-tree. Its
// entries land at random places (next_due is jittered), so every batch of
// answers dirtied pages all over it.
constexpr std::string_view k_patch_6 = R"sql(
DROP INDEX IF EXISTS sources_by_due;
)sql";

// Schema 7: a source is any name the registry knows (fetchers/registry.hpp),
// checked in C++ (Store::write_fetches), so `sources` loses its CHECK of the
// two names; sqlite cannot drop a CHECK, so the table is rebuilt (rowids
// kept) and `records`, which references it by name, finds the new one under
// the old name. The runs' one column per source becomes a row per source
// that made requests (run_requests; runs without requests get no rows),
// and `runs` is rebuilt without those columns (a rebuild, not ALTER TABLE
// DROP COLUMN, which needs sqlite 3.35). run_requests references `runs` by
// name too. Every record, state, history row and run is kept.
constexpr std::string_view k_patch_7 = R"sql(
CREATE TABLE sources_7 (
  paper_id      INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
  source        TEXT NOT NULL,
  has_record    INTEGER NOT NULL DEFAULT 0,
  raw_hash      TEXT NOT NULL DEFAULT '',
  fetched_at    INTEGER,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  outcome       TEXT NOT NULL DEFAULT 'never',
  last_error    TEXT NOT NULL DEFAULT '',
  last_attempt  INTEGER,
  last_success  INTEGER,
  failures      INTEGER NOT NULL DEFAULT 0,
  next_due      INTEGER,
  record_doi    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (paper_id, source)
);
INSERT INTO sources_7 (rowid, paper_id, source, has_record, raw_hash, fetched_at, etag, last_modified, outcome,
                       last_error, last_attempt, last_success, failures, next_due, record_doi)
  SELECT rowid, paper_id, source, has_record, raw_hash, fetched_at, etag, last_modified, outcome,
         last_error, last_attempt, last_success, failures, next_due, record_doi FROM sources;
DROP TABLE sources;
ALTER TABLE sources_7 RENAME TO sources;
CREATE TABLE run_requests (
  run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  source   TEXT NOT NULL,
  requests INTEGER NOT NULL,
  PRIMARY KEY (run_id, source)
) WITHOUT ROWID;
INSERT INTO run_requests (run_id, source, requests)
  SELECT id, 'arxiv', requests_arxiv FROM runs WHERE requests_arxiv > 0;
INSERT INTO run_requests (run_id, source, requests)
  SELECT id, 'crossref', requests_crossref FROM runs WHERE requests_crossref > 0;
CREATE TABLE runs_7 (
  id              INTEGER PRIMARY KEY,
  started_at      INTEGER NOT NULL,
  ended_at        INTEGER,
  command         TEXT NOT NULL DEFAULT '',
  not_modified    INTEGER NOT NULL DEFAULT 0,
  papers_changed  INTEGER NOT NULL DEFAULT 0,
  outputs_written INTEGER NOT NULL DEFAULT 0,
  outcome         TEXT NOT NULL DEFAULT 'running',
  message         TEXT NOT NULL DEFAULT ''
);
INSERT INTO runs_7 (id, started_at, ended_at, command, not_modified, papers_changed, outputs_written, outcome, message)
  SELECT id, started_at, ended_at, command, not_modified, papers_changed, outputs_written, outcome, message FROM runs;
DROP TABLE runs;
ALTER TABLE runs_7 RENAME TO runs;
)sql";

// Foreign keys are switched off around a patch that rebuilds a table (a
// DROP TABLE with them on would cascade to the rows that reference it, and
// the pragma is a no-op inside a transaction), and checked before commit.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Database& db) : m_db(db) {}
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  Result<void> begin() {
    auto on = m_db.query_int("PRAGMA foreign_keys");
    if (!on) return tl::unexpected(on.error());
    if (*on == 0) return {};
    if (auto ok = m_db.exec("PRAGMA foreign_keys = OFF"); !ok) return ok;
    m_off = true;
    return {};
  }
  ~ForeignKeysOff() {
    if (m_off) (void)m_db.exec("PRAGMA foreign_keys = ON");  // as it was
  }

 private:
  Database& m_db;
  bool m_off = false;
};

Result<void> apply_patch(Database& db, const SchemaPatch& patch) {
  ForeignKeysOff keys(db);
  if (patch.rebuilds_tables) {
    if (auto ok = keys.begin(); !ok) return ok;
  }
  auto tx = Transaction::begin(db, TxKind::immediate);
  if (!tx) return tl::unexpected(tx.error());
  auto current = schema_version(db);
  if (!current) return tl::unexpected(current.error());
  if (*current >= patch.version) return {};  // another process got here first
  const std::string what = "schema patch " + std::to_string(patch.version) + ": ";
  if (auto ok = db.exec(patch.sql); !ok) return core::fail(ok.error().code, what + ok.error().message);
  if (patch.rebuilds_tables) {
    // A row of foreign_key_check is a dangling reference the patch made.
    auto dangling = db.query_int("SELECT count(*) FROM pragma_foreign_key_check");
    if (!dangling) return tl::unexpected(dangling.error());
    if (*dangling != 0) return core::fail(ErrorCode::io, what + "left " + std::to_string(*dangling) + " dangling references");
  }
  // PRAGMA takes no bound parameters; the value is our own constant, not input.
  if (auto ok = db.exec("PRAGMA user_version = " + std::to_string(patch.version)); !ok) return ok;
  return tx->commit();
}

}  // namespace

const std::vector<SchemaPatch>& schema_patches() {
  static const std::vector<SchemaPatch> patches = {{1, k_patch_1}, {2, k_patch_2}, {3, k_patch_3},
                                                   {4, k_patch_4}, {5, k_patch_5}, {6, k_patch_6},
                                                   {7, k_patch_7, true}};
  return patches;
}

Result<int> schema_version(Database& db) {
  auto v = db.query_int("PRAGMA user_version");
  if (!v) return tl::unexpected(v.error());
  return static_cast<int>(*v);
}

Result<void> check_not_newer(Database& db, int version) {
  if (version <= k_schema_version) return {};
  return core::fail(ErrorCode::unsupported, "store " + db.path() + " was written by a newer scholard (schema " +
                                                std::to_string(version) + ", this binary knows up to " +
                                                std::to_string(k_schema_version) + ")");
}

Result<int> migrate(Database& db, int target) {
  auto version = schema_version(db);
  if (!version) return tl::unexpected(version.error());
  if (auto ok = check_not_newer(db, *version); !ok) return tl::unexpected(ok.error());
  for (const auto& patch : schema_patches()) {
    if (patch.version <= *version || patch.version > target) continue;
    if (auto ok = apply_patch(db, patch); !ok) return tl::unexpected(ok.error());
    // sqlite would recompile cached statements on their next step anyway;
    // dropping them keeps none compiled against a table a patch replaced.
    db.clear_statement_cache();
  }
  return schema_version(db);
}

}  // namespace scholard::store
