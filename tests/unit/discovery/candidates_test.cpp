// The store's discovery candidates (schema 3): save, refresh, decide, drop,
// and that a decision survives later discoveries.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "discovery/discovery.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace scholard::store {
namespace {

Candidate candidate(std::string key, int score, std::string doi = {}) {
  Candidate c;
  c.key = key;
  c.arxiv_id = key.starts_with("10.") ? std::string() : key;
  c.doi = std::move(doi);
  c.title = "Paper " + key;
  c.authors = {"Joe Benton", "Arnaud Doucet"};
  c.score = score;
  c.band = score >= 50 ? "likely" : "unlikely";
  c.reasons = {"name matches (Joe Benton)", "category stat.ML"};
  c.found_by = "arxiv";
  c.year = 2024;
  return c;
}

class Candidates : public ::testing::Test {
 protected:
  core::FakeClock clock;
  Store store = Store::open(":memory:", clock).value();
};

TEST_F(Candidates, SchemaThreeAddsTheTable) {
  EXPECT_GE(k_schema_version, 3);
  EXPECT_EQ(*schema_version(store.database()), k_schema_version);
  EXPECT_EQ(*store.database().query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'candidates'"), 1);
}

TEST_F(Candidates, SavedOnceThenRefreshedWhilePending) {
  auto first = store.save_candidates({candidate("2409.00001", 70), candidate("2311.00002", 20)});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->added, (std::vector<std::string>{"2409.00001", "2311.00002"}));
  clock.advance(std::chrono::hours(24));
  auto changed = candidate("2409.00001", 85);
  changed.title = "Paper, retitled";
  auto second = store.save_candidates({changed});
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->added.empty());
  EXPECT_EQ(second->updated, (std::vector<std::string>{"2409.00001"}));
  auto all = store.candidates(CandidateState::pending);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  const Candidate& best = all->front();  // best score first
  EXPECT_EQ(best.key, "2409.00001");
  EXPECT_EQ(best.score, 85);
  EXPECT_EQ(best.title, "Paper, retitled");
  EXPECT_EQ(best.authors, (std::vector<std::string>{"Joe Benton", "Arnaud Doucet"}));
  EXPECT_EQ(best.reasons.size(), 2u);
  EXPECT_LT(best.first_seen, best.last_seen);
}

TEST_F(Candidates, DecisionsStandAndAreFoundByAnyId) {
  ASSERT_TRUE(store.save_candidates({candidate("2409.00001", 70, "10.5555/pub")}));
  auto found = store.find_candidate("10.5555/pub");
  ASSERT_TRUE(found && *found);
  ASSERT_TRUE(store.decide_candidate(**found, CandidateState::rejected));
  auto again = store.save_candidates({candidate("2409.00001", 99)});  // a later discovery
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->added.empty());
  EXPECT_TRUE(again->updated.empty());
  auto stored = store.find_candidate("2409.00001");
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->state, CandidateState::rejected);
  EXPECT_EQ((*stored)->score, 70);  // untouched
  EXPECT_TRUE((*stored)->decided_at);
  EXPECT_TRUE(store.candidates(CandidateState::pending)->empty());
  EXPECT_FALSE(*store.find_candidate("2409.99999"));
}

TEST_F(Candidates, RejectingAPaperNeverSeenRemembersIt) {
  Candidate c;
  c.key = "2501.00007";
  c.arxiv_id = c.key;
  ASSERT_TRUE(store.decide_candidate(c, CandidateState::rejected));
  auto save = store.save_candidates({candidate("2501.00007", 90)});
  ASSERT_TRUE(save);
  EXPECT_TRUE(save->added.empty());
  EXPECT_EQ(store.candidates(CandidateState::rejected)->size(), 1u);
}

TEST_F(Candidates, DroppingListedOnesKeepsDecisions) {
  ASSERT_TRUE(store.save_candidates({candidate("2409.00001", 70), candidate("2409.00002", 60)}));
  ASSERT_TRUE(store.decide_candidate(candidate("2409.00002", 60), CandidateState::accepted));
  auto dropped = store.drop_pending_candidates({"2409.00001", "2409.00002"});
  ASSERT_TRUE(dropped);
  EXPECT_EQ(*dropped, 1);
  EXPECT_FALSE(*store.find_candidate("2409.00001"));
  EXPECT_TRUE(*store.find_candidate("2409.00002"));
}

TEST_F(Candidates, EmptyKeysAreRefusedWithoutWritingAnything) {
  auto bad = store.save_candidates({candidate("2409.00001", 70), candidate("", 10)});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::invalid_input);
  EXPECT_TRUE(store.candidates()->empty());
}

TEST_F(Candidates, DiscoveryIsDueOncePerIntervalPerSource) {
  config::Config cfg;
  EXPECT_FALSE(discovery::discovery_due(store, cfg, clock.now(), true).any());  // no [discover]
  cfg.discover.enabled = true;
  cfg.discover.arxiv_query = "au:Benton_J";
  cfg.discover.orcid = true;
  cfg.profile.orcid = "0000-0002-1825-0097";
  auto plan = discovery::discovery_due(store, cfg, clock.now(), false);
  EXPECT_TRUE(plan.arxiv && plan.crossref);
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  ASSERT_TRUE(store.set_meta(discovery::k_discover_arxiv_meta, std::to_string(now_s)));
  clock.advance(std::chrono::hours(23));
  plan = discovery::discovery_due(store, cfg, clock.now(), false);
  EXPECT_FALSE(plan.arxiv);
  EXPECT_TRUE(plan.crossref);  // never ran (e.g. it failed): due
  EXPECT_TRUE(discovery::discovery_due(store, cfg, clock.now(), true).arxiv);  // --force
  clock.advance(std::chrono::hours(1));
  EXPECT_TRUE(discovery::discovery_due(store, cfg, clock.now(), false).arxiv);
  cfg.profile.orcid.clear();
  EXPECT_FALSE(discovery::discovery_due(store, cfg, clock.now(), false).crossref);
}

}  // namespace
}  // namespace scholard::store
