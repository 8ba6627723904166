// Answers the client must not take, end to end: the real scholard binary
// against the fake API server on the seed researcher's fixtures
// (docs/reliability.md, "An answer for another paper").
//
//  - `otherpaper`: a well-formed answer for another paper than the one asked
//    (a proxy, a cache or a server bug). After a good first sync, a forced
//    sync under the fault must fail that source's fetch with a message naming
//    both ids, keep every stored record, leave every output byte-identical,
//    and a plain sync afterwards must not bring the foreign record back.
//    A Crossref list answer holding a work that was not asked attaches it to
//    no paper: the asked DOIs are asked singly.
//  - the network's messages for a plain body labelled gzip and for a refused
//    redirect say what happened (the encoding; where the redirect pointed).
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/faults/site_state.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

constexpr std::string_view k_seed_doi = "10.1093/jrsssb/qkae005";
// Served by the fake server but listed by no paper of the config.
constexpr std::string_view k_other_doi = "10.1038/nnano.2014.279";
constexpr std::string_view k_other_arxiv = "1707.08567";

class WrongAnswer : public ::testing::Test {
 protected:
  void SetUp() override {
    m_site = std::make_unique<SeedSite>(SeedSiteOptions{"60ms", "30ms", {}, {}, {}});
    const fs::path data(SCHOLARD_TEST_DATA);
    fs::copy_file(data / "crossref" / "work-10.1038_nnano.2014.279.json",
                  m_site->fixtures() / "crossref" / "work-10.1038_nnano.2014.279.json");
    fs::copy_file(data / "arxiv" / "idlist-1707.08567.xml", m_site->fixtures() / "arxiv" / "idlist-1707.08567.xml");
  }

  void start_and_sync() {
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    const auto first = m_site->scholard({"sync"});
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    m_outputs = snapshot_outputs(*m_site);
    ASSERT_EQ(read_store_view(*m_site, m_store), "");
    ASSERT_TRUE(m_site->server()->reset());
  }

  // Every stored record is the one the first sync stored; the outputs are
  // byte for byte (and mtime for mtime) what it wrote.
  void expect_records_and_outputs_kept(const std::string& when) {
    StoreView now;
    ASSERT_EQ(read_store_view(*m_site, now), "") << when;
    ASSERT_EQ(now.size(), m_store.size()) << when;
    for (const auto& [key, sources] : m_store) {
      for (const auto& [source, state] : sources) {
        ASSERT_EQ(now[key].count(source), 1u) << when << ": " << key << " lost its " << source << " state";
        const std::string& record = now[key][source].record;
        EXPECT_TRUE(record == state.record) << when << ": the " << source << " record of " << key << " changed";
        EXPECT_EQ(record.find(k_other_doi), std::string::npos) << when << ": " << key << " / " << source;
        EXPECT_EQ(record.find(k_other_arxiv), std::string::npos) << when << ": " << key << " / " << source;
      }
    }
    // File by file, naming the file rather than printing every page.
    const OutputSnapshot outputs = snapshot_outputs(*m_site);
    EXPECT_EQ(outputs.bytes.size(), m_outputs.bytes.size()) << when;
    for (const auto& [path, bytes] : m_outputs.bytes) {
      const auto it = outputs.bytes.find(path);
      EXPECT_TRUE(it != outputs.bytes.end() && it->second == bytes) << when << ": " << path << " changed";
      EXPECT_EQ(outputs.mtime_ns.count(path) ? outputs.mtime_ns.at(path) : 0, m_outputs.mtime_ns.at(path))
          << when << ": " << path << " was written";
    }
  }

  // The fault is set, a forced sync runs under it and fails with `message`
  // on stderr; then the fault is lifted and a plain sync changes nothing.
  void expect_refused(const std::string& route, const std::string& param, const std::vector<std::string>& message) {
    ASSERT_TRUE(m_site->server()->set_fault(route, "otherpaper", param));
    const auto r = m_site->scholard({"sync", "--force"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    for (const std::string& part : message) EXPECT_NE(r.err.find(part), std::string::npos) << part << "\n" << r.err;
    EXPECT_EQ(r.err.find("has no paper"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("not found"), std::string::npos) << r.err;
    EXPECT_NE(m_site->server()->log().find("(fault otherpaper"), std::string::npos) << m_site->server()->log();
    expect_records_and_outputs_kept("under the fault");

    ASSERT_TRUE(m_site->server()->reset());
    const auto plain = m_site->scholard({"sync"});
    EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
    expect_records_and_outputs_kept("a plain sync after the fault");
  }

  std::unique_ptr<SeedSite> m_site;
  OutputSnapshot m_outputs;
  StoreView m_store;
};

TEST_F(WrongAnswer, CrossrefAnswerForAnotherDoiIsRefused) {
  start_and_sync();
  expect_refused("crossref", std::string(k_other_doi),
                 {"scholard: Crossref: ", "Crossref answered for " + std::string(k_other_doi) + " when asked for " +
                                              std::string(k_seed_doi)});
}

TEST_F(WrongAnswer, ArxivFeedOfAnotherPaperIsAFailedFetchNotNoPaper) {
  start_and_sync();
  expect_refused("arxiv", std::string(k_other_arxiv),
                 {"scholard: arXiv: ", "arXiv answered for " + std::string(k_other_arxiv) + "v1 when asked for "});
}

TEST_F(WrongAnswer, SemanticScholarAnswerForAnotherPaperAtAPositionIsRefused) {
  start_and_sync();
  // Position 0 of the batch answers another seed paper's object (the first
  // of the fixture set that is not the one asked).
  expect_refused("s2", "",
                 {"scholard: Semantic Scholar: ", "Semantic Scholar answered for ", " when asked for ARXIV:"});
}

// A list answer holding only a work nobody asked for: it is attached to no
// paper, and each asked DOI is asked singly and gets its own work.
TEST_F(WrongAnswer, CrossrefListItemForADoiNotAskedIsAttachedToNoPaper) {
  fs::copy_file(fs::path(SCHOLARD_TEST_DATA) / "crossref" / "work-10.1016_j.tcs.2015.06.001.json",
                m_site->fixtures() / "crossref" / "work-10.1016_j.tcs.2015.06.001.json");
  std::string error;
  ASSERT_TRUE(m_site->start_server(error)) << error;  // writes the config: the paper is added after
  std::ofstream(m_site->config(), std::ios::app) << "\n[[paper]]\ndoi = \"10.1016/j.tcs.2015.06.001\"\n";
  ASSERT_TRUE(m_site->server()->set_fault("crossref", "otherpaper", std::string(k_other_doi), 1));
  const auto r = m_site->scholard({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string log = m_site->server()->log();
  EXPECT_NE(log.find("(fault otherpaper"), std::string::npos) << log;
  EXPECT_NE(log.find("GET /works/10.1093%2Fjrsssb%2Fqkae005"), std::string::npos) << log;
  EXPECT_NE(log.find("GET /works/10.1016%2Fj.tcs.2015.06.001"), std::string::npos) << log;
  StoreView view;
  ASSERT_EQ(read_store_view(*m_site, view), "");
  int with_crossref = 0;
  for (const auto& [key, sources] : view) {
    const auto it = sources.find("crossref");
    if (it == sources.end()) continue;
    ++with_crossref;
    EXPECT_EQ(it->second.record.find(k_other_doi), std::string::npos) << key << ": " << it->second.record;
    EXPECT_NE(it->second.fetch.find("failures=0"), std::string::npos) << key << ": " << it->second.fetch;
  }
  EXPECT_EQ(with_crossref, 2);
}

// A plain body labelled `Content-Encoding: gzip` is neither "truncated" nor
// an "empty body": the message names the encoding the body is not in.
TEST_F(WrongAnswer, PlainBodyLabelledGzipSaysSo) {
  start_and_sync();
  for (const std::string source : {"arxiv", "crossref"}) {
    ASSERT_TRUE(m_site->server()->reset());
    ASSERT_TRUE(m_site->server()->set_fault(source, "gzipplain"));
    const auto r = m_site->scholard({"sync", "--force"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("Content-Encoding gzip"), std::string::npos) << source << ": " << r.err;
    EXPECT_EQ(r.err.find("truncated"), std::string::npos) << source << ": " << r.err;
    EXPECT_EQ(r.err.find("empty body"), std::string::npos) << source << ": " << r.err;
    expect_records_and_outputs_kept(source + " gzipplain");
  }
}

// A redirect the client refuses says where it pointed, not just "HTTP 302".
TEST_F(WrongAnswer, RefusedRedirectNamesItsLocation) {
  start_and_sync();
  const std::string location = "http://scholard-test.invalid/elsewhere/works";
  for (const std::string source : {"arxiv", "crossref"}) {
    ASSERT_TRUE(m_site->server()->reset());
    ASSERT_TRUE(m_site->server()->set_fault(source, "redirect", location));
    const auto r = m_site->scholard({"sync", "--force"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("HTTP 302 redirect to " + location + " refused"), std::string::npos) << source << ": "
                                                                                                << r.err;
    EXPECT_EQ(r.err.find(": moved"), std::string::npos) << source << ": " << r.err;
    expect_records_and_outputs_kept(source + " redirect");
  }
}

}  // namespace
}  // namespace scholard::testing
