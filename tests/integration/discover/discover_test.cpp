// Discovery end to end: the real binary against the fake API server, on the
// seed researcher's fixtures plus tests/data/discover (the researcher's
// unlisted papers, two homonyms, an ORCID-only Crossref work and the published
// version of a listed preprint). `sync` finds and ranks candidates, `pending`
// shows them, `reject` sticks across passes, `accept` lists the paper and the
// next sync renders it; searches run once per [discover] interval.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

constexpr const char* k_orcid = "0000-0002-1825-0097";

SeedSiteOptions discover_options(const std::string& interval, bool auto_accept = false) {
  SeedSiteOptions o;
  o.config_edits = {
      {"# orcid = \"0000-0000-0000-0000\"", std::string("orcid = \"") + k_orcid + "\""},
      {"\n[hook]\n", "\n[discover]\narxiv_query = 'au:Benton_J'\norcid = true\ninterval = \"" + interval +
                         "\"\nauto_accept = " + (auto_accept ? "true" : "false") + "\n\n[hook]\n"},
  };
  return o;
}

// The `pending --json` object of each candidate, by id (text: the tests only look for fields in it).
std::map<std::string, std::string> candidates_of(const std::string& json) {
  std::map<std::string, std::string> out;
  const std::string marker = "{\"id\":\"";
  for (auto at = json.find(marker); at != std::string::npos;) {
    const auto next = json.find(marker, at + 1);
    const std::string chunk = json.substr(at, next == std::string::npos ? std::string::npos : next - at);
    const auto id_begin = at + marker.size();
    out[json.substr(id_begin, json.find('"', id_begin) - id_begin)] = chunk;
    at = next;
  }
  return out;
}

class Discover : public ::testing::Test {
 protected:
  void start(SeedSiteOptions options) {
    m_site = std::make_unique<SeedSite>(std::move(options));
    const fs::path data = fs::path(SCHOLARD_TEST_DATA) / "discover";
    const auto copy = fs::copy_options::recursive | fs::copy_options::overwrite_existing;
    fs::copy(data / "arxiv", m_site->fixtures() / "arxiv", copy);
    fs::create_directories(m_site->fixtures() / "arxiv-search");
    fs::copy(data / "arxiv-search", m_site->fixtures() / "arxiv-search", copy);
    fs::copy(data / "crossref", m_site->fixtures() / "crossref", copy);
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
  }

  // Runs scholard. Before a sync, waits out the referee's arXiv interval: each
  // process has its own limiter, so two syncs back to back could start their
  // arXiv requests closer than that.
  CommandResult run(std::vector<std::string> args) {
    if (args.front() == "sync") std::this_thread::sleep_for(std::chrono::milliseconds(250));
    return m_site->scholard(std::move(args));
  }

  std::string pending_json() {
    auto r = run({"pending", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.out;
  }

  void expect_polite() {
    auto stats = m_site->server()->stats();
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_TRUE(stats->violations.empty()) << stats->violations.front();
  }

  std::unique_ptr<SeedSite> m_site;
};

TEST_F(Discover, RanksTheResearchersPapersAboveHomonymsAndSkipsListedOnes) {
  start(discover_options("1d"));
  auto r = run({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("3 new candidates (scholard pending)"), std::string::npos) << r.out;
  const std::string json = pending_json();
  const auto c = candidates_of(json);
  // Five found by the searches, and the title match of the manual entry
  // "Many-shot Jailbreaking" (tests/integration/sync/title_match_test.cpp).
  ASSERT_EQ(c.size(), 6u) << json;
  EXPECT_EQ(c.count("CorpusId:269085201"), 1u) << json;
  // The researcher's unlisted papers: likely / possible, with the reasons.
  EXPECT_NE(c.at("2409.99101").find("\"band\":\"likely\""), std::string::npos) << c.at("2409.99101");
  EXPECT_NE(c.at("2409.99101").find("2 co-authors shared with your papers (Arnaud Doucet, George Deligiannidis)"),
            std::string::npos);
  EXPECT_NE(c.at("2502.99102").find("\"band\":\"possible\""), std::string::npos) << c.at("2502.99102");
  // The ORCID case, on Crossref only.
  EXPECT_NE(c.at("10.5555/scholard-discover-1").find("ORCID matches"), std::string::npos);
  EXPECT_NE(c.at("10.5555/scholard-discover-1").find("\"band\":\"likely\""), std::string::npos);
  // Homonyms: never likely, and ranked below every paper of the researcher.
  for (const char* homonym : {"2311.99201", "2405.99202"}) {
    EXPECT_NE(c.at(homonym).find("\"band\":\"unlikely\""), std::string::npos) << c.at(homonym);
    for (const char* mine : {"2409.99101", "2502.99102", "10.5555/scholard-discover-1"}) {
      EXPECT_LT(json.find(std::string("\"id\":\"") + mine), json.find(std::string("\"id\":\"") + homonym));
    }
  }
  // Listed papers (by arXiv id, and the published version of a listed preprint) are not proposed.
  for (const char* listed : {"2305.16860", "2308.03686", "2211.03595", "10.5555/scholard-discover-2"}) {
    EXPECT_EQ(json.find(listed), std::string::npos) << listed;
  }
  auto text = run({"pending"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("why: ORCID matches; name matches (Joe Benton)"), std::string::npos) << text.out;
  expect_polite();
}

TEST_F(Discover, SearchesRunOncePerInterval) {
  start(discover_options("1d"));
  ASSERT_EQ(run({"sync"}).exit_code, 0);
  ASSERT_TRUE(m_site->server()->reset());
  auto again = run({"sync"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->arxiv.requests, 0) << again.out;   // no search: the interval has not passed
  EXPECT_EQ(stats->crossref.requests, 0) << again.out;
  EXPECT_EQ(again.out.find("new candidate"), std::string::npos) << again.out;
}

TEST_F(Discover, SearchesAgainOnceTheIntervalHasPassed) {
  start(discover_options("1s"));
  ASSERT_EQ(run({"sync"}).exit_code, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // store times have 1 s resolution
  ASSERT_TRUE(m_site->server()->reset());
  auto again = run({"sync"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->arxiv.requests, 1) << again.out;  // the search; no paper is due after 2 s
  EXPECT_EQ(stats->crossref.requests, 1) << again.out;
  EXPECT_NE(again.out.find("1 request to arXiv, 1 to Crossref"), std::string::npos) << again.out;
}

TEST_F(Discover, RejectedStaysRejectedAndAcceptedIsRenderedByTheNextSync) {
  start(discover_options("1d"));
  ASSERT_EQ(run({"sync"}).exit_code, 0);
  auto rejected = run({"reject", "arXiv:2502.99102"});
  ASSERT_EQ(rejected.exit_code, 0) << rejected.out << rejected.err;
  for (int pass = 0; pass < 2; ++pass) {
    auto forced = run({"sync", "--force"});  // --force searches again, whatever the interval
    ASSERT_EQ(forced.exit_code, 0) << forced.out << forced.err;
    EXPECT_EQ(candidates_of(pending_json()).count("2502.99102"), 0u);
  }

  const std::string config_before = slurp_file(m_site->config());
  auto accepted = run({"accept", "https://arxiv.org/abs/2409.99101"});
  ASSERT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
  const std::string config_after = slurp_file(m_site->config());
  // Written where it belongs on the page: a September 2024 paper after
  // October's 2410.21514 and before July's 2407.15211; every other byte kept.
  const std::size_t at = config_after.find("[[paper]]\narxiv = \"2409.99101\"\n");
  ASSERT_NE(at, std::string::npos) << config_after;
  EXPECT_GT(at, config_after.find("arxiv = \"2410.21514\""));
  EXPECT_LT(at, config_after.find("arxiv = \"2407.15211\""));
  const std::size_t from = config_after.rfind("# Found by scholard discovery", at);
  const std::size_t to = config_after.find("\n\n", at);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  EXPECT_EQ(config_after.substr(0, from) + config_after.substr(to + 2), config_before);
  EXPECT_EQ(slurp_file(m_site->page()).find("Score-Based Sampling on Discrete State Spaces"), std::string::npos);

  auto sync = run({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  EXPECT_NE(slurp_file(m_site->page()).find("Score-Based Sampling on Discrete State Spaces"), std::string::npos);
  EXPECT_EQ(candidates_of(pending_json()).count("2409.99101"), 0u);
  auto twice = run({"accept", "2409.99101"});
  EXPECT_EQ(twice.exit_code, 2) << twice.out;
  EXPECT_NE(twice.err.find("already listed"), std::string::npos) << twice.err;
  auto unknown = run({"accept", "2401.00001"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("not a discovery candidate"), std::string::npos) << unknown.err;
  expect_polite();
}

TEST_F(Discover, AutoAcceptListsOnlyHighScoresAndTheNextSyncRendersThem) {
  start(discover_options("1d", /*auto_accept=*/true));
  auto r = run({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("2 auto-accepted into the config"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("auto_accept: listed 2409.99101"), std::string::npos) << r.err;
  const std::string config = slurp_file(m_site->config());
  EXPECT_NE(config.find("arxiv = \"2409.99101\""), std::string::npos);
  EXPECT_NE(config.find("doi = \"10.5555/scholard-discover-1\""), std::string::npos);
  EXPECT_EQ(config.find("2502.99102"), std::string::npos);  // possible (45): left for review
  const auto c = candidates_of(pending_json());
  EXPECT_EQ(c.count("2409.99101"), 0u);
  EXPECT_EQ(c.count("2502.99102"), 1u);

  auto next = run({"sync"});
  ASSERT_EQ(next.exit_code, 0) << next.out << next.err;
  const std::string page = slurp_file(m_site->page());
  EXPECT_NE(page.find("Score-Based Sampling on Discrete State Spaces"), std::string::npos);
  EXPECT_NE(page.find("Discrete Diffusion Samplers with Provable Guarantees"), std::string::npos);
}

}  // namespace
}  // namespace scholard::testing
