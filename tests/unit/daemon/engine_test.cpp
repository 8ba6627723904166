// The sync engine, one pass at a time, on an in-memory store with a fake
// clock and network (engine_support.hpp): planning, batching, a failed
// batch, an arXiv answer that brings a DOI, conditional requests, the save
// cadence, a dry run and a pass where nobody answers.
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/inputs.hpp"
#include "daemon/plan.hpp"
#include "unit/daemon/engine_support.hpp"

namespace scholard::daemon {
namespace {

using ::testing::HasSubstr;
using testing::EngineFixture;

constexpr const char* k_three = R"([[paper]]
arxiv = "2211.03595"

[[paper]]
arxiv = "2305.16860"

[[paper]]
arxiv = "2308.03686"
)";

std::optional<store::FetchState> state_of(store::Store& st, const std::string& key, const std::string& source) {
  auto s = st.fetch_state(key, source);
  EXPECT_TRUE(s) << s.error().message;
  return s ? *s : std::nullopt;
}

// ---------------------------------------------------------------- planning

class Planning : public EngineFixture {
 protected:
  PassPlan plan(const config::Config& cfg, const std::unordered_map<std::string, store::PaperDueStates>& states,
                PlanOptions options = {}) {
    m_sources = planning_sources(cfg);
    return plan_pass(cfg, paper_keys(cfg), source_pointers(m_sources), states, clock.now(), options);
  }
  static std::vector<std::string> keys_of(const SourcePlan& p) {
    std::vector<std::string> out;
    for (const auto& f : p.fetches) out.push_back(f.paper_key);
    return out;
  }

 private:
  std::vector<std::unique_ptr<fetchers::Source>> m_sources;
};

TEST_F(Planning, NeverFetchedIsDueAtEverySourceThatCanAnswer) {
  const auto cfg = config_with(std::string(k_three) + "\n[[paper]]\ndoi = \"10.1093/jrsssb/qkae005\"\n"
                                                      "\n[[paper]]\ntitle = \"Many-shot Jailbreaking\"\n"
                                                      "\n[[paper]]\narxiv = \"2407.15211\"\nhidden = true\n");
  const PassPlan p = plan(cfg, {});
  ASSERT_EQ(p.sources.size(), 2u);
  EXPECT_EQ(p.sources[0].source->name(), "arxiv");
  EXPECT_EQ(keys_of(p.sources[0]), (std::vector<std::string>{"2211.03595", "2305.16860", "2308.03686"}));
  EXPECT_EQ(keys_of(p.sources[1]), (std::vector<std::string>{"10.1093/jrsssb/qkae005"}))
      << "a DOI registry answers by DOI; manual and hidden papers are never fetched";
  EXPECT_EQ(p.size(), 4u);
}

TEST_F(Planning, AnIndexIsAskedForEveryPaperWithAnId) {
  const auto cfg = config_with(std::string(k_three) + "\n[[paper]]\ndoi = \"10.1093/jrsssb/qkae005\"\n"
                                                      "\n[[paper]]\ntitle = \"Many-shot Jailbreaking\"\n",
                               {}, true);
  const PassPlan p = plan(cfg, {});
  ASSERT_EQ(p.sources.size(), 3u);
  EXPECT_EQ(p.sources[2].source->name(), "semanticscholar");
  auto keys = keys_of(p.sources[2]);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"10.1093/jrsssb/qkae005", "2211.03595", "2305.16860", "2308.03686"}));
  std::vector<std::string> ids;
  for (const auto& f : p.sources[2].fetches) ids.push_back(f.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"ARXIV:2211.03595", "ARXIV:2305.16860", "ARXIV:2308.03686",
                                           "DOI:10.1093/jrsssb/qkae005"}));
}

TEST_F(Planning, ASuccessWaitsForRefreshAFailureForItsBackoff) {
  const auto cfg = config_with(k_three);
  const auto now = clock.now();
  std::unordered_map<std::string, store::PaperDueStates> states;
  states["2211.03595"].by_source["arxiv"] = {0, now - std::chrono::hours(1), std::nullopt, {}, {}};   // fresh
  states["2305.16860"].by_source["arxiv"] = {0, now - std::chrono::hours(25), std::nullopt, {}, {}};  // stale
  states["2308.03686"].by_source["arxiv"] = {2, std::nullopt, now + std::chrono::minutes(30), {}, {}};  // backing off
  EXPECT_EQ(keys_of(plan(cfg, states).sources[0]), (std::vector<std::string>{"2305.16860"}));
  EXPECT_EQ(plan(cfg, states, {true, {}}).size(), 3u) << "--force";
  EXPECT_EQ(keys_of(plan(cfg, states, {false, {"2308.03686"}}).sources[0]),
            (std::vector<std::string>{"2308.03686"}))
      << "--only ignores the backoff of the papers it names, and takes no others";
}

TEST_F(Planning, AFailingSourceDoesNotDelayAnother) {
  const auto cfg = config_with("[[paper]]\narxiv = \"2211.03595\"\ndoi = \"10.1093/jrsssb/qkae005\"\n");
  const auto now = clock.now();
  std::unordered_map<std::string, store::PaperDueStates> states;
  auto& st = states["2211.03595"];
  st.by_source["crossref"] = {5, std::nullopt, now + std::chrono::hours(8), {}, {}};
  st.by_source["arxiv"] = {0, now - std::chrono::hours(30), std::nullopt, {}, {}};
  const PassPlan p = plan(cfg, states);
  EXPECT_EQ(keys_of(p.sources[0]), (std::vector<std::string>{"2211.03595"}));
  EXPECT_TRUE(p.sources[1].fetches.empty());
}

TEST_F(Planning, ADoiAStoredRecordNamesIsAskedOfTheRegistryWithItsValidators) {
  const auto cfg = config_with("[[paper]]\narxiv = \"2211.03595\"\n");
  std::unordered_map<std::string, store::PaperDueStates> states;
  auto& st = states["2211.03595"];
  st.record_doi = "10.1093/jrsssb/qkae005";
  st.by_source["arxiv"] = {0, clock.now(), std::nullopt, {}, {}};
  st.by_source["crossref"] = {0, clock.now() - std::chrono::hours(48), std::nullopt, "\"v1\"", ""};
  const PassPlan p = plan(cfg, states);
  EXPECT_TRUE(p.sources[0].fetches.empty());
  ASSERT_EQ(p.sources[1].fetches.size(), 1u);
  EXPECT_EQ(p.sources[1].fetches[0].id, "10.1093/jrsssb/qkae005");
  EXPECT_EQ(p.sources[1].fetches[0].validators.etag, "\"v1\"");
}

TEST_F(Planning, StatusListsTheNextFetchesByTheSameRule) {
  const auto cfg = config_with(k_three);
  const auto now = clock.now();
  std::unordered_map<std::string, store::PaperDueStates> states;
  states["2211.03595"].by_source["arxiv"] = {0, now - std::chrono::hours(1), std::nullopt, {}, {}};
  states["2305.16860"].by_source["arxiv"] = {0, now - std::chrono::hours(2), std::nullopt, {}, {}};
  const auto sources = planning_sources(cfg);
  const auto schedule = schedule_of(cfg, paper_keys(cfg), source_pointers(sources), states);
  const auto next = next_fetches(schedule, 10);
  ASSERT_EQ(next.size(), 3u);
  EXPECT_EQ(next[0].paper_key, "2308.03686");  // never fetched: due now
  EXPECT_FALSE(next[0].next_due.has_value());
  EXPECT_EQ(next[1].paper_key, "2305.16860");  // then the soonest
  EXPECT_EQ(next[1].next_due, now + std::chrono::hours(22));
  EXPECT_EQ(next_fetches(schedule, 1).size(), 1u);
}

// ---------------------------------------------------------------- passes

TEST_F(EngineFixture, OneArxivRequestForABatchAndTheRecordsStored) {
  const auto report = run(config_with(k_three));
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  EXPECT_EQ(urls_with("id_list=").size(), 1u);
  EXPECT_THAT(urls_with("id_list=").front(), HasSubstr("2211.03595,2305.16860,2308.03686"));
  EXPECT_EQ(report.requests_to("arxiv"), 1);
  EXPECT_EQ(report.requests_to("crossref"), 0);
  EXPECT_EQ(report.changed, 3);
  for (const char* key : {"2211.03595", "2305.16860", "2308.03686"}) {
    auto rec = store.record(key, "arxiv");
    ASSERT_TRUE(rec && *rec) << key;
    EXPECT_EQ((*rec)->source, "arxiv");
  }
  EXPECT_THAT(read("papers.bib"), HasSubstr("Paper 2305.16860"));
  auto runs = store.recent_runs(1);
  ASSERT_TRUE(runs && runs->size() == 1);
  EXPECT_EQ((*runs)[0].summary.requests.at("arxiv"), 1);
  EXPECT_THAT(report.summary_line("sync"), HasSubstr("3 papers, 1 request to arXiv, 0 to Crossref"));
}

TEST_F(EngineFixture, BatchesFollowTheConfiguredSize) {
  batch_size = 2;
  run(config_with(k_three));
  const auto urls = urls_with("id_list=");
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_THAT(urls[0], HasSubstr("id_list=2211.03595,2305.16860"));
  EXPECT_THAT(urls[1], HasSubstr("id_list=2308.03686"));
}

TEST_F(EngineFixture, AFailedBatchKeepsNothingAndBacksOff) {
  fake.arxiv_down = true;
  const auto report = run(config_with(k_three));
  EXPECT_EQ(report.exit_code(), 1);
  EXPECT_EQ(report.failures.size(), 3u);
  auto rec = store.record("2211.03595", "arxiv");
  ASSERT_TRUE(rec);
  EXPECT_FALSE(rec->has_value());
  const auto st = state_of(store, "2211.03595", "arxiv");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->failures, 1);
  // FixedRandom draws 0: exactly retry_base (15 minutes) after the attempt.
  ASSERT_TRUE(st->next_due);
  EXPECT_EQ(*st->next_due, clock.now() - k_between_passes + std::chrono::minutes(15));
  EXPECT_FALSE(std::filesystem::exists(dir / "papers.bib")) << "nothing to publish: every paper waits";

  // arXiv is back: a pass before the backoff has passed asks nothing ...
  fake.arxiv_down = false;
  client.requests.clear();
  const auto early = run(config_with(k_three));
  EXPECT_TRUE(client.requests.empty()) << early.summary_line("sync");
  // ... and one after it fetches them all.
  clock.advance(std::chrono::minutes(15));
  const auto later = run(config_with(k_three));
  EXPECT_EQ(later.exit_code(), 0) << later.summary_line("sync");
  EXPECT_EQ(state_of(store, "2211.03595", "arxiv")->failures, 0);
}

TEST_F(EngineFixture, AnArxivRecordThatNamesADoiGetsItsRegistryRecordInTheSamePass) {
  fake.arxiv_dois["2211.03595"] = "10.1093/jrsssb/qkae005";
  const auto report = run(config_with(k_three));
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  EXPECT_EQ(report.requests_to("crossref"), 1);
  EXPECT_EQ(report.due, 4) << "the followed DOI counts as a planned fetch";
  auto rec = store.record("2211.03595", "crossref");
  ASSERT_TRUE(rec && *rec);
  EXPECT_EQ((*rec)->doi, "10.1093/jrsssb/qkae005");
  // The published version wins the venue in the outputs.
  EXPECT_THAT(read("papers.bib"), HasSubstr("Journal of the Royal Statistical Society"));
}

TEST_F(EngineFixture, ARegistryAnswersNotModifiedToItsValidators) {
  const auto cfg = config_with("[[paper]]\ndoi = \"10.1093/jrsssb/qkae005\"\n");
  run(cfg);
  auto st = state_of(store, "10.1093/jrsssb/qkae005", "crossref");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->etag, "\"jrssb-v1\"");
  PassOptions force;
  force.force = true;
  const auto again = run(cfg, force);
  ASSERT_FALSE(client.requests.empty());
  EXPECT_EQ(client.requests.back().etag, "\"jrssb-v1\"") << "sent back as If-None-Match";
  EXPECT_EQ(fake.crossref_not_modified, 1);
  EXPECT_EQ(again.not_modified, 1);
  EXPECT_THAT(again.summary_line("sync"), HasSubstr("(1 not modified)"));
  EXPECT_EQ(state_of(store, "10.1093/jrsssb/qkae005", "crossref")->outcome, store::StoredOutcome::not_modified);
  auto rec = store.record("10.1093/jrsssb/qkae005", "crossref");
  ASSERT_TRUE(rec && *rec) << "a 304 keeps the record";
}

// Answers are stored in transactions of up to 100 as they arrive, and all
// of them before the render.
TEST_F(EngineFixture, AnswersAreSavedInHundredsAsTheyArrive) {
  std::string papers;
  for (int i = 0; i < 150; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "2401.%05d", i + 1);
    papers += "[[paper]]\narxiv = \"" + std::string(id) + "\"\n\n";
  }
  std::vector<std::size_t> stored_when_asked;
  on_request = [&](const net::Request& r) {
    auto all = store.all_papers();
    std::size_t with_record = 0;
    for (const auto& d : *all) {
      for (const auto& rec : d.records) with_record += rec.record ? 1u : 0u;
    }
    stored_when_asked.push_back(with_record);
    return fake.answer(r);
  };
  batch_size = 60;  // three requests: 60, 60, 30 answers
  const auto report = run(config_with(papers));
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  ASSERT_EQ(stored_when_asked.size(), 3u);
  EXPECT_EQ(stored_when_asked[0], 0u);
  EXPECT_EQ(stored_when_asked[1], 0u) << "60 answers wait for more (one transaction per 100)";
  EXPECT_EQ(stored_when_asked[2], 120u) << "past 100: saved before the next request";
  EXPECT_EQ(report.changed, 150) << "and the rest before the render";
  EXPECT_EQ(store.all_papers()->size(), 150u);
}

TEST_F(EngineFixture, ADryRunFetchesButWritesNothing) {
  PassOptions dry;
  dry.mode = WriteMode::dry_run;
  const auto report = run(config_with(k_three), dry);
  EXPECT_TRUE(report.dry_run);
  EXPECT_EQ(report.requests_to("arxiv"), 1);
  EXPECT_EQ(report.changed, 3);
  ASSERT_EQ(report.render.outputs.size(), 1u);
  EXPECT_TRUE(report.render.outputs[0].changed);
  EXPECT_THAT(report.render.outputs[0].diff, HasSubstr("Paper 2305.16860"));
  EXPECT_FALSE(std::filesystem::exists(dir / "papers.bib"));
  EXPECT_TRUE(store.all_papers()->empty()) << "not even the papers are reconciled";
  EXPECT_TRUE(store.recent_runs(5)->empty());
}

TEST_F(EngineFixture, WhenNobodyAnswersTheOutputsAreLeftAlone) {
  run(config_with(k_three));
  const std::string before = read("papers.bib");
  fake.unreachable = true;
  PassOptions force;
  force.force = true;
  const auto report = run(config_with(std::string(k_three) + "\n[[paper]]\narxiv = \"2407.15211\"\n"), force);
  EXPECT_FALSE(report.reached_any);
  EXPECT_EQ(report.exit_code(), 1);
  EXPECT_THAT(report.summary_line("sync"), HasSubstr("no source could be reached"));
  EXPECT_EQ(read("papers.bib"), before) << "byte-identical";
  auto rec = store.record("2211.03595", "arxiv");
  ASSERT_TRUE(rec && *rec) << "the last good record stays";
  ASSERT_FALSE(report.render.notes.waiting.empty());
  EXPECT_EQ(report.render.notes.waiting[0].key, "2407.15211");
}

}  // namespace
}  // namespace scholard::daemon
