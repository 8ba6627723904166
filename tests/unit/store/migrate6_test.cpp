// Schema 6 -> 7 on a store the previous scholard wrote (tests/data/store/
// schema6.db, PROVENANCE.md there): every paper, source state, record,
// history row and run survives, the runs' request columns become
// run_requests rows, and the store reads back the same records.
#include <filesystem>
#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/record_codec.hpp"
#include "store/store.hpp"
#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using testing::TempDir;
using testing::t0;

// Every row of `sql`, each column as text (NULL as "<null>"), in order.
std::vector<std::vector<std::string>> rows_of(Database& db, const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  auto stmt = db.prepare(sql);
  EXPECT_TRUE(stmt) << sql;
  if (!stmt) return out;
  for (;;) {
    auto row = stmt->step();
    EXPECT_TRUE(row) << sql;
    if (!row || !*row) break;
    std::vector<std::string> cells;
    for (int i = 0; i < stmt->column_count(); ++i) {
      cells.push_back(stmt->column_is_null(i) ? std::string("<null>") : std::string(stmt->column_blob(i)));
    }
    out.push_back(std::move(cells));
  }
  return out;
}

// What the schema-6 file holds, read before the migration.
struct Snapshot {
  std::vector<std::vector<std::string>> papers, sources, records, history, runs, meta;
};

const char* const k_papers = "SELECT id, key, arxiv_id, doi, title, position, added_at, removed_at FROM papers ORDER BY id";
const char* const k_sources =
    "SELECT rowid, paper_id, source, has_record, raw_hash, fetched_at, etag, last_modified, outcome, last_error, "
    "last_attempt, last_success, failures, next_due, record_doi FROM sources ORDER BY paper_id, source";
const char* const k_records = "SELECT paper_id, source, fields FROM records ORDER BY paper_id, source";
const char* const k_history = "SELECT * FROM history ORDER BY id";
const char* const k_runs =
    "SELECT id, started_at, ended_at, command, not_modified, papers_changed, outputs_written, outcome, message "
    "FROM runs ORDER BY id";
const char* const k_meta = "SELECT key, value FROM meta ORDER BY key";

Snapshot snapshot(Database& db) {
  return {rows_of(db, k_papers), rows_of(db, k_sources), rows_of(db, k_records),
          rows_of(db, k_history), rows_of(db, k_runs),   rows_of(db, k_meta)};
}

class Migrate6Test : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = (m_dir.path() / "schema6.db").string();
    std::filesystem::copy_file(std::string(SCHOLARD_TEST_DATA) + "/store/schema6.db", m_path);
    auto db = Database::open(m_path, OpenMode::read_write_create);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_EQ(*schema_version(*db), 6) << "tests/data/store/schema6.db must stay a schema-6 store";
    m_before = snapshot(*db);
    // (run id, source) -> requests, as the schema-6 columns hold them.
    for (const auto& row : rows_of(*db, "SELECT id, requests_arxiv, requests_crossref FROM runs ORDER BY id")) {
      m_requests[row[0]] = {{"arxiv", std::stoi(row[1])}, {"crossref", std::stoi(row[2])}};
    }
  }

  TempDir m_dir;
  std::string m_path;
  Snapshot m_before;
  std::map<std::string, std::map<std::string, int>> m_requests;
  core::FakeClock m_clock{t0()};
};

// The fixture is what PROVENANCE.md says, or the checks below prove little.
TEST_F(Migrate6Test, TheFixtureHoldsWhatItsProvenanceSays) {
  EXPECT_EQ(m_before.papers.size(), 3u);
  EXPECT_EQ(m_before.sources.size(), 4u);
  EXPECT_EQ(m_before.records.size(), 3u);
  EXPECT_EQ(m_before.history.size(), 8u);
  ASSERT_EQ(m_before.runs.size(), 3u);
  using Counts = std::map<std::string, int>;
  EXPECT_EQ(m_requests["1"], (Counts{{"arxiv", 1}, {"crossref", 2}}));
  EXPECT_EQ(m_requests["2"], (Counts{{"arxiv", 1}, {"crossref", 2}}));
  EXPECT_EQ(m_requests["3"], (Counts{{"arxiv", 0}, {"crossref", 0}}));
}

TEST_F(Migrate6Test, EveryRowSurvivesAndRequestsMoveToTheirOwnTable) {
  auto store = Store::open(m_path, m_clock);
  ASSERT_TRUE(store) << store.error().message;
  Database& db = store->database();
  EXPECT_EQ(*schema_version(db), 7);
  const Snapshot after = snapshot(db);
  EXPECT_EQ(after.papers, m_before.papers);
  EXPECT_EQ(after.sources, m_before.sources);  // rowids included
  EXPECT_EQ(after.records, m_before.records);  // byte for byte
  EXPECT_EQ(after.history, m_before.history);
  EXPECT_EQ(after.runs, m_before.runs);
  EXPECT_EQ(after.meta, m_before.meta);

  // The request columns are gone; their non-zero counts are rows.
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM pragma_table_info('runs') WHERE name LIKE 'requests_%'"), 0);
  std::map<std::string, std::map<std::string, int>> moved;
  for (const auto& row : rows_of(db, "SELECT run_id, source, requests FROM run_requests ORDER BY run_id, source")) {
    moved[row[0]][row[1]] = std::stoi(row[2]);
  }
  for (const auto& [run, counts] : m_requests) {
    for (const auto& [source, n] : counts) {
      if (n > 0) {
        EXPECT_EQ(moved[run][source], n) << "run " << run << " " << source;
      } else {
        EXPECT_EQ(moved[run].count(source), 0u) << "run " << run << " " << source;
      }
    }
  }
  // Through the API: every run with its per-source counts.
  auto runs = store->recent_runs(10);
  ASSERT_TRUE(runs) << runs.error().message;
  ASSERT_EQ(runs->size(), m_before.runs.size());
  for (const auto& run : *runs) {
    std::map<std::string, int> expected;
    for (const auto& [source, n] : m_requests[std::to_string(run.id)]) {
      if (n > 0) expected[source] = n;
    }
    const std::map<std::string, int> got(run.summary.requests.begin(), run.summary.requests.end());
    EXPECT_EQ(got, expected) << "run " << run.id;
  }
  EXPECT_EQ(runs->back().summary.total_requests(), 3);      // run 1
  EXPECT_EQ(runs->back().summary.outcome, RunOutcome::partial);
  EXPECT_EQ(runs->front().summary.outcome, RunOutcome::ok);  // run 3

  // No dangling reference, and the CHECK of the two names is gone.
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM pragma_foreign_key_check"), 0);
  EXPECT_EQ(*db.query_int("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'sources' AND sql LIKE '%CHECK%'"), 0);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_7'"), 0);
  // records still references sources (by name, now the rebuilt table).
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM pragma_foreign_key_list('records') WHERE \"table\" = 'sources'"), 2);
  // The cascades work through the rebuilt tables: a paper takes its states
  // and records along, a run its request counts.
  ASSERT_TRUE(db.exec("DELETE FROM papers WHERE key = '2308.03686'"));
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM sources"), static_cast<std::int64_t>(m_before.sources.size()) - 1);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM records"), static_cast<std::int64_t>(m_before.records.size()) - 1);
  ASSERT_TRUE(db.exec("DELETE FROM runs WHERE id = 1"));
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM run_requests WHERE run_id = 1"), 0);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM run_requests"), 2);  // run 2's
}

// The migrated store reads back what the schema-6 store held: each stored
// record, decoded from the old file's bytes, equals what record(),
// show_paper() and all_papers() give now, with the same fetch states.
TEST_F(Migrate6Test, TheMigratedStoreReadsBackTheSameRecords) {
  std::map<std::pair<std::string, std::string>, core::Record> expected;  // (paper id, source)
  for (const auto& row : m_before.records) {
    auto rec = decode_record(row[1], row[2]);
    ASSERT_TRUE(rec) << rec.error().message;
    expected[{row[0], row[1]}] = *rec;
  }
  std::map<std::string, std::string> key_of;
  for (const auto& row : m_before.papers) key_of[row[0]] = row[1];

  auto store = Store::open(m_path, m_clock);
  ASSERT_TRUE(store) << store.error().message;
  for (const auto& [id_source, rec] : expected) {
    const std::string& key = key_of[id_source.first];
    auto now = store->record(key, id_source.second);
    ASSERT_TRUE(now && *now) << key << " " << id_source.second;
    EXPECT_EQ(**now, rec) << key << " " << id_source.second;
  }
  EXPECT_EQ((*store->record("2211.03595", "crossref"))->doi, "10.1093/jrsssb/qkae005");
  EXPECT_EQ((*store->record("2211.03595", "arxiv"))->title, "From Denoising Diffusions to Denoising Markov Models");

  auto all = store->all_papers({true});
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  std::size_t records = 0, states = 0;
  for (const auto& paper : *all) {
    for (const auto& stored : paper.records) {
      ++states;
      std::string id;
      for (const auto& [pid, key] : key_of) {
        if (key == paper.key) id = pid;
      }
      auto it = expected.find({id, stored.source});
      if (!stored.record) {
        EXPECT_EQ(it, expected.end()) << paper.key << " " << stored.source;
        continue;
      }
      ++records;
      ASSERT_NE(it, expected.end()) << paper.key << " " << stored.source;
      EXPECT_EQ(*stored.record, it->second);
    }
  }
  EXPECT_EQ(records, expected.size());
  EXPECT_EQ(states, m_before.sources.size());

  auto failing = store->fetch_state("10.9999/no-such-work", "crossref");
  ASSERT_TRUE(failing && *failing);
  EXPECT_EQ((*failing)->outcome, StoredOutcome::not_found);
  EXPECT_EQ((*failing)->failures, 2);
  auto removed = store->show_paper("2308.03686");
  ASSERT_TRUE(removed && *removed);
  EXPECT_TRUE((*removed)->removed_at);
  ASSERT_EQ((*removed)->records.size(), 1u);
  EXPECT_EQ((*removed)->records[0].source, "arxiv");

  auto history = store->history();
  ASSERT_TRUE(history) << history.error().message;
  EXPECT_EQ(history->size(), m_before.history.size());
  auto overview = store->fetch_overview();
  ASSERT_TRUE(overview) << overview.error().message;
  ASSERT_EQ(overview->size(), 2u);  // the listed papers with a state
  EXPECT_EQ(overview->at("2211.03595").record_doi, "10.1093/jrsssb/qkae005");
  EXPECT_EQ(overview->at("2211.03595").by_source.size(), 2u);
  EXPECT_EQ(overview->at("10.9999/no-such-work").by_source.at("crossref").failures, 2);

  // A writer goes on from there: a third source's answer is stored (no
  // CHECK any more) and a new run counts its requests by source.
  core::Record toy = **store->record("2211.03595", "crossref");
  toy.source = "toy";
  FetchResult ok;
  ok.paper_key = "2211.03595";
  ok.source = "toy";
  ok.record = toy;
  auto written = store->write_fetches({ok});
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(**store->record("2211.03595", "toy"), toy);
  auto run = store->begin_run("scholard sync");
  ASSERT_TRUE(run);
  RunSummary summary;
  summary.requests = {{"toy", 1}};
  ASSERT_TRUE(store->finish_run(*run, summary));
  EXPECT_EQ(store->recent_runs(1)->front().summary.requests.at("toy"), 1);
}

// A read-only open of the schema-6 file is refused, unchanged (the writer
// upgrades it).
TEST_F(Migrate6Test, AReaderAsksForASyncFirst) {
  StoreOptions ro;
  ro.mode = AccessMode::read_only;
  auto reader = Store::open(m_path, m_clock, ro);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code, core::ErrorCode::unsupported);
  EXPECT_NE(reader.error().message.find("has schema 6"), std::string::npos) << reader.error().message;
  auto db = Database::open(m_path, OpenMode::read_write_create);
  ASSERT_TRUE(db);
  EXPECT_EQ(*schema_version(*db), 6);
}

}  // namespace
}  // namespace scholard::store
