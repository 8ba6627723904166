// The real CrossrefFetcher through the real CurlHttpClient against
// scholard-fakeapi: 60 works (clones of a recorded work with the DOI changed,
// written to a temporary fixture folder) plus one DOI nobody has, fetched
// while the server announces a concurrency of 2 and the client is configured
// for 3; then a burst of 503s retried until every DOI is ok; and 30 DOIs at
// 10 requests per second, in bursts as the sliding window allows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include <fmt/format.h>

#include "core/text.hpp"
#include "fetch_harness.hpp"
#include "fetchers/arxiv_source.hpp"
#include "fetchers/crossref_fetcher.hpp"
#include "fetchers/crossref_source.hpp"

namespace scholard::fetchers::testing {
namespace {

namespace fs = std::filesystem;
using scholard::testing::FakeApiProcess;

// A recorded journal article (tests/data/crossref/PROVENANCE.md).
const fs::path k_template = fs::path(SCHOLARD_TEST_DATA) / "crossref" / "work-10.1038_nnano.2014.279.json";
constexpr std::string_view k_template_doi = "10.1038\\/nnano.2014.279";  // as escaped in the JSON
constexpr std::string_view k_template_title = "Charges ride the spin wave";
constexpr int k_work_count = 60;
const std::string k_missing_doi = "10.5555/fetchint-missing";

std::string work_doi(int i) { return fmt::format("10.5555/fetchint-{:02d}", i); }

void replace_every(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string ascii_upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// A temporary fixture folder with crossref/work-*.json clones; removed at the end.
class CloneFixtures {
 public:
  CloneFixtures() {
    std::string pattern = (fs::temp_directory_path() / "scholard-fetchint-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    m_root = pattern;
    fs::create_directories(m_root / "crossref");
  }
  ~CloneFixtures() {
    std::error_code ignored;
    fs::remove_all(m_root, ignored);
  }
  CloneFixtures(const CloneFixtures&) = delete;
  CloneFixtures& operator=(const CloneFixtures&) = delete;

  // Writes one clone of the template per DOI, the DOI replaced everywhere it occurs.
  // Returns false when the template cannot be read or holds no DOI to replace.
  bool write(const std::vector<std::string>& dois) const {
    std::ifstream in(k_template, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string original = text.str();
    if (original.find(k_template_doi) == std::string::npos) return false;
    for (const std::string& doi : dois) {
      std::string body = original;
      std::string escaped = doi;
      replace_every(escaped, "/", "\\/");
      replace_every(body, k_template_doi, escaped);
      std::string name = doi;
      replace_every(name, "/", "_");
      std::ofstream(m_root / "crossref" / ("work-" + name + ".json"), std::ios::binary) << body;
    }
    return true;
  }

  const fs::path& root() const { return m_root; }

 private:
  fs::path m_root;
};

class CrossrefFetch : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> dois;
    for (int i = 0; i < k_work_count; ++i) dois.push_back(work_doi(i));
    ASSERT_TRUE(m_fixtures.write(dois)) << "cannot clone " << k_template;
    // Every tenth DOI is asked for in capitals: DOIs are case-insensitive.
    for (std::size_t i = 0; i < dois.size(); ++i) m_requested.push_back(i % 10 == 0 ? ascii_upper(dois[i]) : dois[i]);
    m_requested.push_back(k_missing_doi);
    m_server = start_fakeapi({"--fixtures", m_fixtures.root().string(), "--arxiv-interval", "0s",
                              "--crossref-concurrency", "2", "--crossref-limit", "50"});
    ASSERT_NE(m_server, nullptr);
  }

  void fault(std::string_view kind, std::string_view param, int count = 0) {
    auto set = m_server->set_fault("crossref", kind, param, count);
    ASSERT_TRUE(set) << set.error().message;
  }

  FetchRun fetch(FetchHarness& harness, const std::vector<std::string>& dois) {
    CrossrefOptions options;
    options.base_url = m_server->base_url();
    options.mailto = std::string(k_contact);
    CrossrefFetcher fetcher(harness.client(), options);
    return harness.run([&](BatchHandler on_batch, DoneHandler on_done) {
      fetcher.fetch(dois, std::move(on_batch), std::move(on_done));
    });
  }

  // Each of `dois` (all with fixtures) answered once, ok, with its own DOI.
  static void expect_ok(const FetchRun& run, const std::vector<std::string>& dois) {
    for (const std::string& doi : dois) {
      const auto it = run.by_id.find(doi);
      ASSERT_NE(it, run.by_id.end()) << doi << " got no answer";
      EXPECT_EQ(it->second.status, FetchStatus::ok) << doi << ": " << it->second.message;
      EXPECT_EQ(it->second.record.doi, core::ascii_lower(doi));
      EXPECT_EQ(it->second.record.title, k_template_title) << doi;
    }
  }

  static net::ClientOptions client_options() {
    net::ClientOptions o;
    o.contact = std::string(k_contact);
    o.connect_timeout = seconds(15);
    o.total_timeout = seconds(60);
    o.policies.emplace("arxiv", fetchers::arxiv_policy(milliseconds(100)));
    o.policies.emplace("crossref", fetchers::crossref_policy(3));  // more than the server allows
    o.random = [] { return 0.0; };  // retries at the 1 s floor
    return o;
  }

  CloneFixtures m_fixtures;
  std::vector<std::string> m_requested;
  std::unique_ptr<FakeApiProcess> m_server;
};

TEST_F(CrossrefFetch, SixtyWorksStayWithinTheAnnouncedConcurrencyThenA503BurstIsRetried) {
  // Each answer takes 120 ms, so the concurrency limit, not the rate, is what
  // bounds how many requests are in flight.
  ASSERT_NO_FATAL_FAILURE(fault("delay", "120"));
  FetchHarness harness(client_options());
  const FetchRun run = fetch(harness, m_requested);
  ASSERT_TRUE(run.done()) << "the fetch did not finish within the deadline";
  EXPECT_EQ(run.answered_twice, 0);
  EXPECT_EQ(run.by_id.size(), m_requested.size());
  const std::vector<std::string> with_fixture(m_requested.begin(), m_requested.end() - 1);
  ASSERT_NO_FATAL_FAILURE(expect_ok(run, with_fixture));
  ASSERT_EQ(run.by_id.count(k_missing_doi), 1u);
  EXPECT_EQ(run.by_id.at(k_missing_doi).status, FetchStatus::not_found) << run.by_id.at(k_missing_doi).message;
  ASSERT_TRUE(run.stats);
  EXPECT_EQ(run.stats->requests, k_work_count + 1);
  EXPECT_EQ(run.stats->attempts, k_work_count + 1);
  EXPECT_EQ(run.stats->ok, k_work_count);
  EXPECT_EQ(run.stats->not_found, 1);

  auto stats = fakeapi_stats(*m_server);
  EXPECT_EQ(stats.crossref.requests, k_work_count + 1);
  EXPECT_LE(stats.crossref.max_in_flight, 2);
  EXPECT_GE(stats.crossref.max_in_flight, 1);
  EXPECT_TRUE(stats.violations.empty()) << stats.violations.front();
  std::cout << "[ measured ] 61 requests, max in flight " << stats.crossref.max_in_flight << ", fetch took "
            << run.elapsed.count() << " ms\n";

  // A burst of three 503s (no Retry-After) on a fresh subset: retried, all ok.
  ASSERT_TRUE(m_server->reset().has_value());
  ASSERT_NO_FATAL_FAILURE(fault("503", "", 3));
  const std::vector<std::string> subset(with_fixture.begin(), with_fixture.begin() + 6);
  const FetchRun retried = fetch(harness, subset);
  ASSERT_TRUE(retried.done()) << "the fetch did not finish within the deadline";
  ASSERT_NO_FATAL_FAILURE(expect_ok(retried, subset));
  ASSERT_TRUE(retried.stats);
  EXPECT_EQ(retried.stats->requests, 6);
  EXPECT_EQ(retried.stats->attempts, 6 + 3);
  EXPECT_EQ(retried.stats->ok, 6);
  stats = fakeapi_stats(*m_server);
  EXPECT_EQ(stats.crossref.requests, 6 + 3);
  EXPECT_LE(stats.crossref.max_in_flight, 2);
  EXPECT_TRUE(stats.violations.empty()) << stats.violations.front();
  EXPECT_EQ(logged_requests(m_server->log(), "/works/").size(), static_cast<std::size_t>(61 + 9));
  std::cout << "[ measured ] 6 DOIs through three 503s: " << retried.stats->attempts << " attempts, took "
            << retried.elapsed.count() << " ms\n";
}

// The sliding window: 30 DOIs against 10 requests per second and a
// concurrency of 3. Ten may go at once (after the probe), the eleventh only
// when the first has left the window, so the fetch needs at least two whole
// intervals, and the referee (at most 10 request starts in any 1 s, at most 3
// in flight) has nothing to report.
TEST_F(CrossrefFetch, ThirtyDoisInBurstsOfTheAnnouncedLimitPerInterval) {
  m_server = start_fakeapi({"--fixtures", m_fixtures.root().string(), "--arxiv-interval", "0s",
                            "--crossref-concurrency", "3", "--crossref-limit", "10", "--crossref-interval", "1s"});
  ASSERT_NE(m_server, nullptr);
  const std::vector<std::string> dois(m_requested.begin(), m_requested.begin() + 30);
  FetchHarness harness(client_options());
  const FetchRun run = fetch(harness, dois);
  ASSERT_TRUE(run.done()) << "the fetch did not finish within the deadline";
  EXPECT_EQ(run.answered_twice, 0);
  ASSERT_NO_FATAL_FAILURE(expect_ok(run, dois));
  ASSERT_TRUE(run.stats);
  EXPECT_EQ(run.stats->attempts, 30);

  const auto stats = fakeapi_stats(*m_server);
  EXPECT_EQ(stats.crossref.requests, 30);
  EXPECT_LE(stats.crossref.max_in_flight, 3);
  EXPECT_TRUE(stats.violations.empty()) << stats.violations.front();
  EXPECT_GE(run.elapsed, milliseconds(2000));
  EXPECT_LT(run.elapsed, seconds(60));

  const auto requests = logged_requests(m_server->log(), "/works/");
  ASSERT_EQ(requests.size(), 30u);
  // Lines are logged as answers complete; their times are the arrivals.
  long first = std::numeric_limits<long>::max();
  long last = -1;
  for (const auto& r : requests) {
    first = std::min(first, r.arrived_ms);
    last = std::max(last, r.arrived_ms);
  }
  ASSERT_GE(first, 0) << "no time on the server's log lines";
  const auto in_first_second = std::count_if(requests.begin(), requests.end(),
                                             [&](const LoggedRequest& r) { return r.arrived_ms - first < 1000; });
  std::cout << "[ measured ] 30 DOIs at 10/s: " << in_first_second << " requests in the first second, the last "
            << last - first << " ms after the first, fetch took " << run.elapsed.count() << " ms\n";
}

}  // namespace
}  // namespace scholard::fetchers::testing
