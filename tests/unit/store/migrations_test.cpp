// Schema migrations, pragmas and how the database file is created.
#include "store/migrations.hpp"

#include <sys/stat.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using testing::TempDir;
using testing::t0;

// Whether the schema holds a `type` ('table', 'index') named `name`.
bool has_object(Database& db, const std::string& type, const std::string& name) {
  auto stmt = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = ? AND name = ?");
  stmt->bind(1, type).bind(2, name);
  auto row = stmt->step();
  return row && *row && stmt->column_int(0) == 1;
}

bool has_table(Database& db, const std::string& name) { return has_object(db, "table", name); }
bool has_index(Database& db, const std::string& name) { return has_object(db, "index", name); }

mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(Migrations, PatchesAreNumberedOneByOne) {
  const auto& patches = schema_patches();
  ASSERT_EQ(patches.size(), static_cast<std::size_t>(k_schema_version));
  for (std::size_t i = 0; i < patches.size(); ++i) EXPECT_EQ(patches[i].version, static_cast<int>(i) + 1);
}

TEST(Migrations, FreshDatabaseGetsLatestSchema) {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  ASSERT_TRUE(db);
  auto v = migrate(*db);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(*v, k_schema_version);
  for (const char* t : {"papers", "sources", "records", "history", "runs", "meta"}) EXPECT_TRUE(has_table(*db, t)) << t;
  // Running again is a no-op.
  EXPECT_EQ(*migrate(*db), k_schema_version);
}

TEST(Migrations, UpgradeFromVersionOneKeepsData) {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  ASSERT_EQ(*migrate(*db, 1), 1);
  EXPECT_FALSE(has_table(*db, "runs"));
  // Data as a version-1 scholard wrote it.
  ASSERT_TRUE(db->exec(
      "INSERT INTO papers (id, key, arxiv_id, position, added_at) VALUES (1, '2305.16860', '2305.16860', 0, 1740909600);"
      "INSERT INTO sources (paper_id, source, has_record, raw_hash, fetched_at, outcome, last_attempt, last_success)"
      " VALUES (1, 'arxiv', 1, 'fnv1a64:ab', 1740909600, 'ok', 1740909600, 1740909600);"
      "INSERT INTO fields (paper_id, source, name, value) VALUES"
      " (1, 'arxiv', 'title', 'Error Bounds for Flow Matching Methods'), (1, 'arxiv', 'arxiv_version', '2');"
      "INSERT INTO history (paper_id, source, at, kind, new_value)"
      " VALUES (1, 'arxiv', 1740909600, 'first_seen', 'Error Bounds for Flow Matching Methods');"));
  core::FakeClock clock(t0());
  auto store = Store::adopt(std::move(*db), clock);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(*schema_version(store->database()), k_schema_version);
  auto rec = store->record("2305.16860", "arxiv");
  ASSERT_TRUE(rec && *rec);
  EXPECT_EQ((*rec)->title, "Error Bounds for Flow Matching Methods");
  EXPECT_EQ((*rec)->arxiv_version, 2);
  EXPECT_EQ(store->history()->size(), 1u);
  EXPECT_TRUE(store->begin_run("scholard sync"));  // version-2 table works
}

// Schema 5 turns one row per field into one row per record, in SQL; the
// result must read back exactly as the C++ encoder's would, for any value.
TEST(Migrations, UpgradeFromVersionFourKeepsEveryFieldAndTheArxivDoi) {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  ASSERT_EQ(*migrate(*db, 4), 4);
  ASSERT_TRUE(db->exec(
      "INSERT INTO papers (id, key, arxiv_id, doi, position, added_at) VALUES"
      " (1, '2305.16860', '2305.16860', '', 0, 1740909600), (2, '10.1093/x', '', '10.1093/x', 1, 1740909600),"
      " (3, '2401.00001', '2401.00001', '', 2, 1740909600);"
      "INSERT INTO sources (paper_id, source, has_record, raw_hash, fetched_at, outcome, last_attempt, last_success)"
      " VALUES (1, 'arxiv', 1, 'fnv1a64:ab', 1740909600, 'ok', 1740909600, 1740909600),"
      " (2, 'crossref', 1, 'fnv1a64:cd', 1740909600, 'ok', 1740909600, 1740909600),"
      " (3, 'arxiv', 0, '', NULL, 'not_found', 1740909600, NULL);"
      "INSERT INTO fields (paper_id, source, name, value) VALUES"
      " (1, 'arxiv', 'title', 'Schrödinger 12:3' || char(10) || 'bridges'), (1, 'arxiv', 'arxiv_version', '2'),"
      " (1, 'arxiv', 'doi', '10.5555/tmlr.2024.0042'), (1, 'arxiv', 'comment', ''),"
      " (2, 'crossref', 'title', 'From denoising diffusions'), (2, 'crossref', 'venue', 'JRSSB');"));
  core::FakeClock clock(t0());
  auto store = Store::adopt(std::move(*db), clock);
  ASSERT_TRUE(store) << store.error().message;
  Database& migrated = store->database();
  EXPECT_EQ(*schema_version(migrated), k_schema_version);
  EXPECT_FALSE(has_table(migrated, "fields"));
  EXPECT_EQ(*migrated.query_int("SELECT count(*) FROM records"), 2);

  auto arxiv = store->record("2305.16860", "arxiv");
  ASSERT_TRUE(arxiv && *arxiv) << (arxiv ? "no record" : arxiv.error().message);
  EXPECT_EQ((*arxiv)->title, "Schrödinger 12:3\nbridges");
  EXPECT_EQ((*arxiv)->arxiv_version, 2);
  EXPECT_EQ((*arxiv)->doi, "10.5555/tmlr.2024.0042");
  auto crossref = store->record("10.1093/x", "crossref");
  ASSERT_TRUE(crossref && *crossref);
  EXPECT_EQ((*crossref)->venue, "JRSSB");

  auto overview = store->fetch_overview();
  ASSERT_TRUE(overview) << overview.error().message;
  EXPECT_EQ(overview->at("2305.16860").record_doi, "10.5555/tmlr.2024.0042");
  EXPECT_EQ(overview->at("2401.00001").record_doi, "");

  // Writing the same record again changes nothing, though the SQL patch
  // may have stored its fields in another order than the encoder.
  core::Record same = **arxiv;
  FetchResult again;
  again.paper_key = "2305.16860";
  again.source = "arxiv";
  again.outcome = StoredOutcome::ok;
  again.record = same;
  again.raw_hash = "fnv1a64:ab";
  auto before = store->history()->size();
  auto changes = store->write_fetches({again});
  ASSERT_TRUE(changes) << changes.error().message;
  EXPECT_TRUE(changes->empty());
  EXPECT_EQ(store->history()->size(), before);
  EXPECT_EQ(**store->record("2305.16860", "arxiv"), same);
}

TEST(Migrations, VersionSixDropsTheUnusedDueIndexAndKeepsTheStates) {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  ASSERT_EQ(*migrate(*db, 5), 5);
  ASSERT_TRUE(has_index(*db, "sources_by_due"));
  ASSERT_TRUE(db->exec(
      "INSERT INTO papers (id, key, arxiv_id, position, added_at) VALUES (1, '2305.16860', '2305.16860', 0, 1740909600);"
      "INSERT INTO sources (paper_id, source, outcome, next_due) VALUES (1, 'arxiv', 'ok', 1741000000);"));
  ASSERT_EQ(*migrate(*db), k_schema_version);
  EXPECT_FALSE(has_index(*db, "sources_by_due"));
  EXPECT_TRUE(has_index(*db, "history_by_paper"));  // the patch drops that one index only
  EXPECT_EQ(*db->query_int("SELECT next_due FROM sources WHERE paper_id = 1"), 1741000000);
}

// Schema 7: the two-name CHECK goes (a schema-6 table refused a third
// source), each run's non-zero request columns become run_requests rows, and
// the runs table loses those columns. (tests/data/store/schema6.db, made by
// the schema-6 binary, is migrated in migrate6_test.cpp.)
TEST(Migrations, VersionSevenKeepsSourcesAsNamesAndRequestsByRun) {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  ASSERT_EQ(*migrate(*db, 6), 6);
  ASSERT_TRUE(db->exec("PRAGMA foreign_keys = ON"));
  ASSERT_TRUE(db->exec(
      "INSERT INTO papers (id, key, doi, position, added_at) VALUES (1, '10.1/x', '10.1/x', 0, 1740909600);"
      "INSERT INTO sources (paper_id, source, has_record, outcome, etag, record_doi)"
      " VALUES (1, 'crossref', 1, 'ok', 'W/\"1\"', '10.1/x');"
      "INSERT INTO records (paper_id, source, fields) VALUES (1, 'crossref', CAST('title 1:T' || char(10) AS BLOB));"
      "INSERT INTO runs (id, started_at, ended_at, command, requests_arxiv, requests_crossref, not_modified, outcome)"
      " VALUES (1, 1740909600, 1740909660, 'scholard sync', 5, 0, 0, 'ok'),"
      " (2, 1740909700, 1740909760, 'scholard daemon', 0, 7, 2, 'partial'),"
      " (3, 1740909800, NULL, 'scholard sync', 0, 0, 0, 'running');"));
  EXPECT_FALSE(db->exec("INSERT INTO sources (paper_id, source) VALUES (1, 'toy')"));  // schema 6's CHECK
  ASSERT_EQ(*migrate(*db), k_schema_version);
  EXPECT_EQ(*db->query_int("PRAGMA foreign_keys"), 1);  // as it was before the patch
  EXPECT_TRUE(db->exec("INSERT INTO sources (paper_id, source) VALUES (1, 'toy')"));
  EXPECT_EQ(*db->query_int("SELECT count(*) FROM sources WHERE source = 'crossref' AND etag = 'W/\"1\"' "
                           "AND record_doi = '10.1/x' AND has_record = 1"),
            1);
  EXPECT_EQ(*db->query_int("SELECT count(*) FROM records"), 1);
  EXPECT_EQ(*db->query_int("SELECT count(*) FROM run_requests"), 2);
  EXPECT_EQ(*db->query_int("SELECT requests FROM run_requests WHERE run_id = 1 AND source = 'arxiv'"), 5);
  EXPECT_EQ(*db->query_int("SELECT requests FROM run_requests WHERE run_id = 2 AND source = 'crossref'"), 7);
  EXPECT_EQ(*db->query_int("SELECT count(*) FROM runs"), 3);
  EXPECT_EQ(*db->query_int("SELECT not_modified FROM runs WHERE id = 2"), 2);
  EXPECT_EQ(*db->query_int("SELECT count(*) FROM runs WHERE id = 3 AND ended_at IS NULL AND outcome = 'running'"), 1);
  EXPECT_EQ(*db->query_int("SELECT count(*) FROM pragma_table_info('runs') WHERE name LIKE 'requests%'"), 0);
  EXPECT_TRUE(has_table(*db, "run_requests"));
  EXPECT_FALSE(has_table(*db, "sources_7"));
  EXPECT_FALSE(has_table(*db, "runs_7"));
}

TEST(Migrations, ADamagedStoredRecordIsAnErrorNamingThePaper) {
  core::FakeClock clock(t0());
  auto store = Store::open(":memory:", clock);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->reconcile_papers({{"2305.16860", "2305.16860", "", "", 0}}));
  FetchResult ok;
  ok.paper_key = "2305.16860";
  ok.source = "arxiv";
  ok.outcome = StoredOutcome::ok;
  ok.record = testing::arxiv_record();
  ASSERT_TRUE(store->write_fetches({ok}));
  ASSERT_TRUE(store->database().exec("UPDATE records SET fields = CAST('title 99:short' || char(10) AS BLOB)"));

  const std::string expected =
      "stored arxiv record of '2305.16860' is damaged: damaged record: a value longer than the record at byte 0";
  auto all = store->all_papers();
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().code, core::ErrorCode::io);
  EXPECT_EQ(all.error().message, expected);
  auto one = store->record("2305.16860", "arxiv");
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().message,
            "stored record of '2305.16860' is damaged: damaged record: a value longer than the record at byte 0");
  // A new answer replaces the damaged record rather than failing on it
  // forever: each of its fields is logged as changed from "".
  ok.record->title = "Fixed";
  auto rewritten = store->write_fetches({ok});
  ASSERT_TRUE(rewritten) << rewritten.error().message;
  ASSERT_EQ(rewritten->size(), 1u);
  EXPECT_FALSE(rewritten->front().first_seen);
  EXPECT_NE(std::find(rewritten->front().fields.begin(), rewritten->front().fields.end(), "title"),
            rewritten->front().fields.end());
  EXPECT_EQ((*store->record("2305.16860", "arxiv"))->title, "Fixed");
  EXPECT_TRUE(store->all_papers());
}

TEST(Migrations, ADamagedRecordOfARemovedPaperIsStillReported) {
  // all_papers decodes every stored record, listed or not, as it always has:
  // the paper is named even when it is not among those asked for.
  core::FakeClock clock(t0());
  auto store = Store::open(":memory:", clock);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->reconcile_papers({{"2305.16860", "2305.16860", "", "", 0}, {"2211.03595", "2211.03595", "", "", 1}}));
  FetchResult ok;
  ok.paper_key = "2305.16860";
  ok.source = "arxiv";
  ok.outcome = StoredOutcome::ok;
  ok.record = testing::arxiv_record();
  ASSERT_TRUE(store->write_fetches({ok}));
  ASSERT_TRUE(store->reconcile_papers({{"2211.03595", "2211.03595", "", "", 0}}));  // 2305.16860 removed
  ASSERT_TRUE(store->all_papers());
  ASSERT_TRUE(store->database().exec("UPDATE records SET fields = CAST('title 99:short' || char(10) AS BLOB)"));
  for (const bool include_removed : {false, true}) {
    auto all = store->all_papers({include_removed});
    ASSERT_FALSE(all);
    EXPECT_EQ(all.error().message,
              "stored arxiv record of '2305.16860' is damaged: damaged record: a value longer than the record at byte 0");
  }
}

TEST(Migrations, NewerDatabaseIsRefused) {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  ASSERT_TRUE(db->exec("PRAGMA user_version = 8"));
  auto v = migrate(*db);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, core::ErrorCode::unsupported);
  EXPECT_EQ(v.error().message, "store :memory: was written by a newer scholard (schema 8, this binary knows up to " +
                                   std::to_string(k_schema_version) + ")");
}

TEST(Migrations, NewerFileIsRefusedByOpenInBothModes) {
  TempDir dir;
  std::string path = (dir.path() / "scholard.db").string();
  {
    auto db = Database::open(path, OpenMode::read_write_create);
    ASSERT_TRUE(db->exec("PRAGMA user_version = 8"));
  }
  core::FakeClock clock(t0());
  for (auto mode : {AccessMode::read_write, AccessMode::read_only}) {
    auto s = Store::open(path, clock, {mode, std::chrono::milliseconds(100), "test"});
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, core::ErrorCode::unsupported);
    EXPECT_NE(s.error().message.find("store " + path + " was written by a newer scholard (schema 8"),
              std::string::npos)
        << s.error().message;
  }
}

TEST(Migrations, FileStoreIsPrivateWalAndCreatesItsFolder) {
  TempDir dir;
  auto path = dir.path() / "state" / "deep" / "scholard.db";
  core::FakeClock clock(t0());
  auto s = Store::open(path.string(), clock);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(mode_of(path.parent_path()), 0700u);
  EXPECT_EQ(mode_of(path.parent_path().parent_path()), 0700u);
  Database& db = s->database();
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode->step());
  EXPECT_EQ(mode->column_text(0), "wal");
  EXPECT_EQ(*db.query_int("PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_EQ(*db.query_int("PRAGMA foreign_keys"), 1);
  ASSERT_TRUE(s->set_meta("k", "v"));  // creates the -wal file
  EXPECT_EQ(mode_of(path.string() + "-wal"), 0600u);
  EXPECT_EQ(*db.query_int("PRAGMA page_size"), 16384);  // a new store's pages
  // A checkpoint never cuts the WAL below what the next automatic checkpoint
  // lets it reach (header + frames of 24 bytes + a page): its blocks are reused.
  const std::int64_t frames = *db.query_int("PRAGMA wal_autocheckpoint");
  EXPECT_GE(*db.query_int("PRAGMA journal_size_limit"), 32 + frames * (24 + 16384));
}

TEST(Migrations, AnExistingStoreKeepsItsPageSize) {
  TempDir dir;
  auto path = dir.path() / "scholard.db";
  {
    auto db = Database::open(path.string(), OpenMode::read_write_create);
    ASSERT_TRUE(db->exec("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL"));
    ASSERT_EQ(*migrate(*db, 4), 4);
  }
  core::FakeClock clock(t0());
  auto s = Store::open(path.string(), clock);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(*s->database().query_int("PRAGMA page_size"), 4096);
  EXPECT_EQ(*schema_version(s->database()), k_schema_version);
}

TEST(Migrations, ReadOnlyOpenNeedsAnExistingUpToDateStore) {
  TempDir dir;
  core::FakeClock clock(t0());
  StoreOptions ro{AccessMode::read_only, std::chrono::milliseconds(100), "test"};
  auto missing = Store::open((dir.path() / "none.db").string(), clock, ro);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::not_found);

  std::string old_path = (dir.path() / "old.db").string();
  {
    auto db = Database::open(old_path, OpenMode::read_write_create);
    ASSERT_EQ(*migrate(*db, 1), 1);
  }
  auto old = Store::open(old_path, clock, ro);
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().code, core::ErrorCode::unsupported);
  // A writer upgrades it; then readers are welcome.
  ASSERT_TRUE(Store::open(old_path, clock));
  auto reader = Store::open(old_path, clock, ro);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_TRUE(reader->read_only());
  EXPECT_TRUE(reader->list_papers());
  auto write = reader->set_meta("k", "v");
  ASSERT_FALSE(write);
}

}  // namespace
}  // namespace scholard::store
