// Semantic Scholar end to end (issue 21): the real scholard binary against
// the fake API server on the seed researcher's answers, S2 included
// (tests/data/seed/semanticscholar/, tests/data/seed-later/).
//  - Without the venue overrides of four published papers, one sync renders
//    them at ICLR 2024, TMLR 2024, NeurIPS 2022 and JMLR 24(243) 2023 from
//    one S2 batch request; the 2025 preprints stay arXiv preprints.
//  - A preprint whose S2 record gains a venue shows it after the next sync,
//    with a venue history entry naming the evidence and one hook run.
//  - A 429 without Retry-After leaves every output byte-identical, ends the
//    pass within seconds and defers S2.
//  - The API key is sent, and appears in no output, log, store or listing.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "integration/faults/site_state.hpp"
#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {

namespace fs = std::filesystem;

// The overrides the researcher wrote by hand for four published papers.
const std::vector<std::pair<std::string, std::string>> k_no_venue_overrides = {
    {"venue = \"International Conference on Learning Representations\"\nyear  = 2024\n", ""},
    {"venue = \"Transactions on Machine Learning Research\"\nyear  = 2024\n", ""},
    {"venue = \"Advances in Neural Information Processing Systems\"\nyear  = 2022\n", ""},
    {"venue  = \"Journal of Machine Learning Research\"\nyear   = 2023\nvolume = \"24\"\nissue  = \"243\"\n", ""},
    {"pages  = \"1−83\"                             # with U+2212 MINUS SIGN, as on the page\n", ""},
};

std::string entry_of(const std::string& page, const std::string& arxiv_id_or_title) {
  for (const auto& e : marked_entries(page)) {
    if (e.find(arxiv_id_or_title) != std::string::npos) return e;
  }
  return {};
}

class SemanticScholarSync : public ::testing::Test {
 protected:
  void start(SeedSiteOptions options = {}) {
    options.config_edits.insert(options.config_edits.begin(), k_no_venue_overrides.begin(), k_no_venue_overrides.end());
    m_site = std::make_unique<SeedSite>(std::move(options));
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    const std::string config = slurp_file(m_site->config());
    ASSERT_EQ(config.find("Learning Representations"), std::string::npos) << "the overrides are gone";
  }
  std::unique_ptr<SeedSite> m_site;
};

TEST_F(SemanticScholarSync, OneRequestPlacesFourPreprintsAtTheirVenues) {
  start();
  const auto r = m_site->scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // One batch for the 16 papers, plus the one title match of the manual
  // entry (title_match_test.cpp).
  EXPECT_NE(r.out.find("2 to Semantic Scholar"), std::string::npos) << r.out;
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->semanticscholar.requests, 2);
  EXPECT_EQ(stats->semanticscholar.batch, 1);
  EXPECT_EQ(stats->semanticscholar.match, 1);
  const std::string page = slurp_file(m_site->page());
  EXPECT_NE(entry_of(page, "2308.03686").find("_International Conference on Learning Representations_, 2024"),
            std::string::npos)
      << entry_of(page, "2308.03686");
  EXPECT_NE(entry_of(page, "2305.16860").find("_Transactions on Machine Learning Research_, 2024"), std::string::npos)
      << entry_of(page, "2305.16860");
  EXPECT_NE(entry_of(page, "A Continuous Time Framework").find("_Advances in Neural Information Processing Systems_, 2022"),
            std::string::npos)
      << entry_of(page, "A Continuous Time Framework");
  const std::string jmlr = entry_of(page, "Alpha-divergence");
  EXPECT_NE(jmlr.find("_Journal of Machine Learning Research_"), std::string::npos) << jmlr;
  EXPECT_NE(jmlr.find("24(243)"), std::string::npos) << jmlr;
  EXPECT_NE(jmlr.find("2023"), std::string::npos) << jmlr;
  for (const char* preprint : {"2506.15740", "2505.05410", "2507.14417", "2507.11473", "2506.22777", "2501.18837"}) {
    EXPECT_NE(entry_of(page, preprint).find("arXiv preprint"), std::string::npos) << entry_of(page, preprint);
  }
}

TEST_F(SemanticScholarSync, AVenueGainedLaterIsShownLoggedAndRunsTheHookOnce) {
  SeedSiteOptions options;
  options.hook = {"/bin/sh", "-c", "echo run >> hook.log"};
  options.config_edits = {{"refresh  = \"1d\"", "refresh  = \"1s\""}};
  start(options);
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  const fs::path hook_log = m_site->root() / "config" / "hook.log";
  ASSERT_EQ(slurp_file(hook_log), "run\n");
  EXPECT_NE(entry_of(slurp_file(m_site->page()), "2507.14417").find("arXiv preprint"), std::string::npos);
  ASSERT_TRUE(m_site->server()->use_s2_fixtures(std::string(SCHOLARD_TEST_DATA) + "/seed-later"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // refresh = 1s: every paper is due again
  const auto r = m_site->scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string entry = entry_of(slurp_file(m_site->page()), "2507.14417");
  EXPECT_NE(entry.find("_Transactions on Machine Learning Research_, 2025"), std::string::npos) << entry;
  EXPECT_EQ(slurp_file(hook_log), "run\nrun\n") << "one hook run for the change";
  const auto history = m_site->scholard({"history", "2507.14417"});
  EXPECT_NE(history.out.find("venue: arXiv preprint -> Transactions on Machine Learning Research 2025 "
                             "(Semantic Scholar, DBLP journals/tmlr/"),
            std::string::npos)
      << history.out;
}

TEST_F(SemanticScholarSync, A429WithoutRetryAfterKeepsEveryOutputAndEndsWithinSeconds) {
  start();
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  const OutputSnapshot before = snapshot_outputs(*m_site);
  ASSERT_TRUE(m_site->server()->set_fault("semanticscholar", "429", "", 0));
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = m_site->scholard({"sync", "--force"});
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_LT(took, std::chrono::seconds(10));
  EXPECT_NE(r.err.find("Semantic Scholar refused"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("Semantic Scholar deferred"), std::string::npos) << r.out;
  const OutputSnapshot after = snapshot_outputs(*m_site);
  EXPECT_EQ(after.bytes, before.bytes) << "every output byte-identical";
  EXPECT_EQ(after.mtime_ns, before.mtime_ns) << "and untouched";
  const auto status = m_site->scholard({"status"});
  EXPECT_NE(status.out.find("Deferred (refused to serve"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("  Semantic Scholar: not asked before "), std::string::npos) << status.out;
  const auto json = m_site->scholard({"status", "--json"});
  EXPECT_NE(json.out.find(R"("deferred":[{"source":"semanticscholar","until":")"), std::string::npos) << json.out;
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats);
  const long asked = stats->semanticscholar.requests;
  // Deferred: the next sync does not ask S2 at all.
  const auto again = m_site->scholard({"sync", "--force"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  stats = m_site->server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->semanticscholar.requests, asked);
}

TEST_F(SemanticScholarSync, TheApiKeyIsSentAndNeverShown) {
  const std::string key = "s2-test-key-5f1b7c0e9d";
  SeedSiteOptions options;
  options.server_args = {"--s2-api-key", key};
  start(options);
  const std::map<std::string, std::string> env = {{"SCHOLARD_S2_API_KEY", key}};
  const auto synced = m_site->scholard({"--log-level", "trace", "sync"}, env);
  EXPECT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  std::string seen = synced.out + synced.err;
  for (const auto& args : std::vector<std::vector<std::string>>{{"check"}, {"status"},
                                                                 {"status", "--json"}, {"show", "2308.03686"},
                                                                 {"history"}}) {
    const auto r = m_site->scholard(args, env);
    seen += r.out + r.err;
  }
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->semanticscholar.with_key, 2) << "the batch and the manual entry's title match";
  EXPECT_EQ(stats->semanticscholar.rejected_key, 0);
  EXPECT_NE(seen.find("API key from $SCHOLARD_S2_API_KEY"), std::string::npos) << seen;
  EXPECT_EQ(seen.find(key), std::string::npos) << seen;
  for (const auto& f : m_site->output_files()) EXPECT_EQ(slurp_file(f).find(key), std::string::npos) << f;
  EXPECT_EQ(slurp_file(m_site->store()).find(key), std::string::npos);
  EXPECT_EQ(m_site->server()->log().find(key), std::string::npos);
}

}  // namespace
}  // namespace scholard::testing
