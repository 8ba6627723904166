// Crossref in batches, end to end: the real scholard binary against the fake
// API server on the seed researcher's fixtures plus four recorded Crossref
// works listed by DOI, so one pass asks Crossref for several DOIs in one list
// request (docs/sources.md, "Crossref in batches"). Checked from the server's
// side (its request log and referee) and from the store's (`show --json`).
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/faults/site_state.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

// Recorded works (tests/data/crossref/PROVENANCE.md) the fake server serves by DOI.
const std::vector<std::pair<std::string, std::string>> k_works = {
    {"10.1038/nnano.2014.279", "work-10.1038_nnano.2014.279.json"},
    {"10.1016/j.tcs.2015.06.001", "work-10.1016_j.tcs.2015.06.001.json"},
    {"10.1021/acs.jctc.2c01235", "work-10.1021_acs.jctc.2c01235.json"},
    {"10.1002/jor.1100150407", "work-10.1002_jor.1100150407.json"},
};
// Listed, but in no fixture: a list answer leaves it out.
const std::string k_unknown_doi = "10.5555/scholard-missing.1";

// The server's log lines of Crossref requests: list ones and single ones.
struct CrossrefLog {
  std::vector<std::string> lists;
  std::vector<std::string> singles;
};

CrossrefLog crossref_log(const std::string& log) {
  CrossrefLog out;
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(" GET /works?") != std::string::npos) out.lists.push_back(line);
    if (line.find(" GET /works/") != std::string::npos) out.singles.push_back(line);
  }
  return out;
}

class CrossrefBatchSync : public ::testing::Test {
 protected:
  // `with_unknown`: also list a DOI no fixture has.
  void start(bool with_unknown) {
    m_site = std::make_unique<SeedSite>(SeedSiteOptions{"60ms", "30ms", {}, {}, {}});
    for (const auto& [doi, file] : k_works) {
      fs::copy_file(fs::path(SCHOLARD_TEST_DATA) / "crossref" / file, m_site->fixtures() / "crossref" / file);
    }
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    std::ofstream config(m_site->config(), std::ios::app);
    for (const auto& [doi, file] : k_works) config << "\n[[paper]]\ndoi = \"" << doi << "\"\n";
    if (with_unknown) config << "\n[[paper]]\ndoi = \"" << k_unknown_doi << "\"\ntitle = \"A paper Crossref has not indexed\"\n";
  }

  // The record and fetch state of every paper's Crossref answer, by paper.
  std::map<std::string, SourceState> crossref_states() {
    StoreView view;
    EXPECT_EQ(read_store_view(*m_site, view), "");
    std::map<std::string, SourceState> out;
    for (const auto& [key, sources] : view) {
      if (auto it = sources.find("crossref"); it != sources.end()) out[key] = it->second;
    }
    return out;
  }

  std::unique_ptr<SeedSite> m_site;
};

TEST_F(CrossrefBatchSync, OneListForTheDoisThenTheMissingOneSinglyAndARealNotFound) {
  start(true);
  const auto r = m_site->scholard({"sync"});
  const CrossrefLog log = crossref_log(m_site->server()->log());
  ASSERT_GE(log.lists.size(), 1u) << m_site->server()->log();
  // The listed DOIs (the seed's own one with them) go in one list request...
  const std::string& list = log.lists.front();
  for (const auto& [doi, file] : k_works) {
    std::string encoded = doi;
    replace_all(encoded, "/", "%2F");
    EXPECT_NE(list.find("doi:" + encoded), std::string::npos) << list;
  }
  EXPECT_NE(list.find("doi:10.5555%2Fscholard-missing.1"), std::string::npos) << list;
  EXPECT_NE(list.find("-> 200"), std::string::npos) << list;
  // ...and the one it left out is asked singly, where a 404 is the real answer.
  int unknown_singles = 0;
  for (const auto& line : log.singles) {
    if (line.find("/works/10.5555%2Fscholard-missing.1") != std::string::npos) {
      ++unknown_singles;
      EXPECT_NE(line.find("-> 404"), std::string::npos) << line;
    }
  }
  EXPECT_EQ(unknown_singles, 1) << m_site->server()->log();
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_TRUE(stats->violations.empty()) << stats->violations.front();
  EXPECT_EQ(stats->crossref_list.requests, static_cast<long>(log.lists.size()));
  EXPECT_EQ(stats->crossref_list.max_in_flight, 1);  // the list route announces concurrency 1

  int found = 0;
  bool unknown_not_found = false;
  for (const auto& [key, state] : crossref_states()) {
    if (state.record != "missing" && state.record != "null") ++found;
    if (state.fetch.find("not_found") != std::string::npos) unknown_not_found = true;
  }
  EXPECT_GE(found, 5) << r.out << r.err;  // the four listed works and the seed's
  EXPECT_TRUE(unknown_not_found) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("Resource not found"), std::string::npos) << r.out << r.err;
}

// A list answered 429 or 503 is asked again as the same list, within the
// list route's limits, and the pass ends well.
TEST_F(CrossrefBatchSync, ABatchAnswered429Or503IsRetriedAsABatch) {
  start(false);
  auto first = m_site->scholard({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const OutputSnapshot before = snapshot_outputs(*m_site);
  for (const char* kind : {"429", "503"}) {
    ASSERT_TRUE(m_site->server()->reset());
    ASSERT_TRUE(m_site->server()->set_fault("crossref", kind, "1", 2));  // Retry-After: 1 s, twice
    const std::size_t log_from = m_site->server()->log().size();
    const auto r = m_site->scholard({"sync", "--force"});
    EXPECT_EQ(r.exit_code, 0) << kind << ": " << r.out << r.err;
    const CrossrefLog log = crossref_log(m_site->server()->log().substr(log_from));
    ASSERT_GE(log.lists.size(), 3u) << m_site->server()->log().substr(log_from);
    // The same list three times: two faulted answers, then the works.
    auto target = [](const std::string& line) { return line.substr(line.find(" GET "), line.find(" -> ") - line.find(" GET ")); };
    EXPECT_EQ(target(log.lists[1]), target(log.lists[0]));
    EXPECT_EQ(target(log.lists[2]), target(log.lists[0]));
    EXPECT_NE(log.lists[0].find(std::string("-> ") + kind), std::string::npos) << log.lists[0];
    EXPECT_NE(log.lists[2].find("-> 200"), std::string::npos) << log.lists[2];
    auto stats = m_site->server()->stats();
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_TRUE(stats->violations.empty()) << kind << ": " << stats->violations.front();
    for (const auto& [key, state] : crossref_states()) {
      EXPECT_NE(state.fetch.find("failures=0"), std::string::npos) << kind << " " << key << ": " << state.fetch;
    }
  }
  EXPECT_EQ(snapshot_outputs(*m_site).bytes, before.bytes);
}

// A list answer that is not a work list, or an HTML page: every DOI of the
// batch keeps its record, the failure is counted (not "not found"), the
// outputs stay as they were, and no DOI is asked again singly.
TEST_F(CrossrefBatchSync, AMalformedOrHtmlListAnswerKeepsTheBatchsRecords) {
  start(false);
  auto first = m_site->scholard({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const OutputSnapshot outputs_before = snapshot_outputs(*m_site);
  const auto before = crossref_states();
  ASSERT_GE(before.size(), 5u);
  for (const char* kind : {"malformed", "html200"}) {
    ASSERT_TRUE(m_site->server()->reset());
    ASSERT_TRUE(m_site->server()->set_fault("crossref", kind));
    const std::size_t log_from = m_site->server()->log().size();
    const auto r = m_site->scholard({"sync", "--force"});
    EXPECT_EQ(r.exit_code, 1) << kind << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("scholard: Crossref: "), std::string::npos) << r.err;
    if (std::string(kind) == "html200") {
      EXPECT_NE(r.err.find("blocked"), std::string::npos) << r.err;
    }
    EXPECT_EQ(r.err.find("not found"), std::string::npos) << r.err;
    const CrossrefLog log = crossref_log(m_site->server()->log().substr(log_from));
    EXPECT_GE(log.lists.size(), 1u);
    for (const auto& line : log.singles) {
      for (const auto& [doi, file] : k_works) {
        std::string encoded = doi;
        replace_all(encoded, "/", "%2F");
        EXPECT_EQ(line.find(encoded), std::string::npos) << "asked singly after a failed list: " << line;
      }
    }
    const auto after = crossref_states();
    ASSERT_EQ(after.size(), before.size());
    for (const auto& [key, state] : before) {
      EXPECT_EQ(after.at(key).record, state.record) << kind << " " << key;
      EXPECT_NE(after.at(key).fetch.find("has_record=true"), std::string::npos) << after.at(key).fetch;
      EXPECT_EQ(after.at(key).fetch.find("not_found"), std::string::npos) << after.at(key).fetch;
    }
    EXPECT_EQ(snapshot_outputs(*m_site).bytes, outputs_before.bytes);
    auto stats = m_site->server()->stats();
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_TRUE(stats->violations.empty()) << stats->violations.front();
  }
}

}  // namespace
}  // namespace scholard::testing
