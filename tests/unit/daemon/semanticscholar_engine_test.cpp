// The engine with Semantic Scholar (issue 21): one batch request for every
// paper with an id; a venue it knows is rendered and logged with its
// evidence; a DOI it knows is followed to Crossref; a refusal (429 without Retry-After) stores nothing against the
// papers, opens the source's breaker (daemon/deferral.hpp) and leaves the
// outputs as they were; a paper it does not know is no failure.
#include <gtest/gtest.h>

#include "daemon/deferral.hpp"
#include "support/fake_http.hpp"
#include "unit/daemon/engine_support.hpp"

namespace scholard::daemon::testing {
namespace {

using fetchers::testing::read_file;

// The seed S2 objects (tests/data/seed/semanticscholar/), answered in the
// batch's order, null for ids without a file.
std::string s2_batch_answer(const std::string& body, const std::filesystem::path& folder) {
  std::string out = "[";
  std::size_t pos = 0;
  bool first = true;
  while ((pos = body.find("\"ARXIV:", pos)) != std::string::npos) {
    const auto end = body.find('"', pos + 1);
    const std::string id = body.substr(pos + 7, end - pos - 7);
    const auto file = folder / ("paper-" + id + ".json");
    out += first ? "" : ",";
    out += std::filesystem::exists(file) ? read_file(file) : "null";
    first = false;
    pos = end;
  }
  return out + "]";
}

class SemanticScholarPass : public EngineFixture {
 protected:
  SemanticScholarPass() {
    on_request = [this](const net::Request& r) {
      if (r.url.find("s2.test") == std::string::npos) return fake.answer(r);
      ++s2_requests;
      net::Response resp;
      if (s2_busy) {
        resp.outcome = net::Outcome::rate_limited;
        resp.status = 429;
        resp.body = R"({"message": "Too Many Requests. Please wait and try again or apply for a key for higher rate limits.", "code": "429"})";
        return resp;
      }
      resp.outcome = net::Outcome::ok;
      resp.status = 200;
      resp.body = s2_batch_answer(r.body, folder);
      return resp;
    };
  }

  // 2308.03686 with no venue override: S2 says ICLR 2024 (DBLP conf/iclr/BentonBDD24).
  config::Config seed_config() {
    return config_with("[[paper]]\narxiv = \"2308.03686\"\n\n[[paper]]\narxiv = \"2506.15740\"\n\n"
                       "[[paper]]\narxiv = \"2205.14987\"\n",
                       {}, true);
  }

  std::filesystem::path folder = std::filesystem::path(SCHOLARD_TEST_DATA) / "seed" / "semanticscholar";
  bool s2_busy = false;
  int s2_requests = 0;
};

TEST_F(SemanticScholarPass, OneBatchRequestGivesTheVenuesAndTheVenueYear) {
  const auto report = run(seed_config());
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  EXPECT_EQ(s2_requests, 1);
  EXPECT_EQ(report.requests_to("semanticscholar"), 1);
  const std::string bib = read("papers.bib");
  EXPECT_NE(bib.find("International Conference on Learning Representations"), std::string::npos) << bib;
  EXPECT_NE(bib.find("Advances in Neural Information Processing Systems"), std::string::npos) << bib;
  EXPECT_NE(bib.find("year = {2024}"), std::string::npos) << "the venue's year, not the first version's (2023)\n"
                                                           << bib;
  EXPECT_NE(bib.find("year = {2022}"), std::string::npos) << "NeurIPS 2022 (conf/nips/...22)\n" << bib;
}

// arXiv's record of 2211.03595 names no DOI here (fake.arxiv_dois is empty);
// S2's names the JRSSB article's, which is then asked of Crossref in the
// same pass, as a DOI arXiv names would be.
TEST_F(SemanticScholarPass, ADoiTheIndexKnowsIsFollowedToCrossref) {
  const auto report = run(config_with("[[paper]]\narxiv = \"2211.03595\"\n", {}, true));
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  EXPECT_EQ(s2_requests, 1);
  EXPECT_EQ(report.requests_to("crossref"), 1) << report.summary_line("sync");
  auto rec = store.record("2211.03595", "crossref");
  ASSERT_TRUE(rec && *rec) << "the published version was fetched";
  EXPECT_EQ((*rec)->doi, "10.1093/jrsssb/qkae005");
  EXPECT_NE(read("papers.bib").find("Journal of the Royal Statistical Society"), std::string::npos) << read("papers.bib");
}

TEST_F(SemanticScholarPass, AVenueGainedLaterIsLoggedWithItsEvidence) {
  // First pass: S2 knows 2308.03686 only as a preprint.
  folder = dir / "s2";
  std::filesystem::create_directories(folder);
  const auto real = std::filesystem::path(SCHOLARD_TEST_DATA) / "seed" / "semanticscholar";
  std::string preprint = read_file(real / "paper-2506.15740.json");
  std::string iclr = read_file(real / "paper-2308.03686.json");
  // Any arXiv-only object will do for the venue, once it names the id asked
  // (an object naming another paper is refused as an answer for that paper).
  ASSERT_NE(preprint.find("\"ArXiv\": \"2506.15740\""), std::string::npos);
  preprint.replace(preprint.find("\"ArXiv\": \"2506.15740\""), 21, "\"ArXiv\": \"2308.03686\"");
  std::ofstream(folder / "paper-2308.03686.json") << preprint;
  auto cfg = config_with("[[paper]]\narxiv = \"2308.03686\"\n", {}, true);
  ASSERT_EQ(run(cfg).exit_code(), 0);
  EXPECT_EQ(read("papers.bib").find("Learning Representations"), std::string::npos);
  // Next pass (forced): S2 now has it at ICLR 2024.
  std::ofstream(folder / "paper-2308.03686.json", std::ios::trunc) << iclr;
  PassOptions force;
  force.force = true;
  const auto report = run(cfg, force);
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  EXPECT_NE(read("papers.bib").find("International Conference on Learning Representations"), std::string::npos);
  auto history = store.history();
  ASSERT_TRUE(history) << history.error().message;
  const store::HistoryEntry* venue = nullptr;
  for (const auto& e : *history) {
    if (e.kind == store::HistoryKind::venue) venue = &e;
  }
  ASSERT_NE(venue, nullptr);
  EXPECT_EQ(venue->paper_key, "2308.03686");
  EXPECT_EQ(venue->source, "semanticscholar");
  EXPECT_EQ(venue->old_value, "arXiv preprint");
  EXPECT_EQ(venue->new_value, "International Conference on Learning Representations 2024");
  EXPECT_EQ(venue->field, "DBLP conf/iclr/BentonBDD24");
}

TEST_F(SemanticScholarPass, ARefusalDefersTheSourceAndKeepsEveryOutput) {
  auto cfg = seed_config();
  ASSERT_EQ(run(cfg).exit_code(), 0);
  const std::string before = read("papers.bib");
  s2_busy = true;
  PassOptions force;
  force.force = true;
  const auto refused = run(cfg, force);
  EXPECT_EQ(refused.exit_code(), 0) << "S2 being busy is no failure of any paper: " << refused.summary_line("sync");
  EXPECT_TRUE(refused.failures.empty());
  ASSERT_EQ(refused.deferred.size(), 1u);
  EXPECT_TRUE(refused.deferred[0].refused_now);
  EXPECT_EQ(refused.deferred[0].not_asked, 3);
  EXPECT_EQ(s2_requests, 2) << "one refused request, not retried in the pass";
  EXPECT_EQ(read("papers.bib"), before) << "the kept records still render";
  auto d = load_deferral(store, "semanticscholar");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->refusals, 1);
  EXPECT_GE(d->until - clock.now(), std::chrono::seconds(25));  // 30-60 s after the refusal, 5 s ago
  // The next pass, within the backoff: S2 is not asked at all.
  const auto deferred = run(cfg, force);
  EXPECT_EQ(s2_requests, 2);
  ASSERT_EQ(deferred.deferred.size(), 1u);
  EXPECT_FALSE(deferred.deferred[0].refused_now);
  // After the backoff S2 answers again and the breaker closes.
  s2_busy = false;
  clock.advance(std::chrono::minutes(2));
  const auto again = run(cfg, force);
  EXPECT_EQ(s2_requests, 3);
  EXPECT_TRUE(again.deferred.empty());
  EXPECT_FALSE(load_deferral(store, "semanticscholar").has_value());
}

TEST_F(SemanticScholarPass, APaperTheIndexDoesNotKnowIsNoFailure) {
  folder = dir / "empty";
  std::filesystem::create_directories(folder);
  const auto report = run(seed_config());
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  EXPECT_TRUE(report.failures.empty());
  EXPECT_EQ(s2_requests, 1);
}

TEST(RefusalBackoff, DoublesFromAMinuteWithJitterUpToSixHours) {
  EXPECT_EQ(refusal_backoff(1, 0.0), std::chrono::minutes(1));
  EXPECT_EQ(refusal_backoff(1, 0.999999).count() / 1000, 30);
  EXPECT_EQ(refusal_backoff(2, 0.0), std::chrono::minutes(2));
  EXPECT_EQ(refusal_backoff(3, 0.0), std::chrono::minutes(4));
  EXPECT_EQ(refusal_backoff(30, 0.0), std::chrono::hours(6));
}

}  // namespace
}  // namespace scholard::daemon::testing
