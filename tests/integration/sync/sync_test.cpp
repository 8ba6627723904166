// `scholard sync` end to end: the real binary against the fake API server on
// the seed researcher's fixtures, writing into a copy of the example site.
#include <sys/stat.h>

#include <algorithm>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

struct Snapshot {
  std::map<std::string, std::string> bytes;
  std::map<std::string, long long> mtime_ns;
};

Snapshot snapshot(const SeedSite& site) {
  Snapshot s;
  for (const auto& f : site.output_files()) {
    struct stat st {};
    ::stat(f.c_str(), &st);
    s.bytes[f.string()] = slurp_file(f);
    s.mtime_ns[f.string()] = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  }
  return s;
}

void expect_polite(SeedSite& site) {
  auto stats = site.server()->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_TRUE(stats->violations.empty()) << stats->violations.front();
}

class Sync : public ::testing::Test {
 protected:
  void start(SeedSiteOptions options = {}) {
    m_site = std::make_unique<SeedSite>(std::move(options));
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
  }
  std::unique_ptr<SeedSite> m_site;
};

TEST_F(Sync, FirstSyncWritesEveryOutputThenNothingIsDue) {
  start();
  auto r = m_site->scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("sync: 16 papers, 1 request to arXiv, 1 to Crossref"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("research.md"), std::string::npos) << r.out;
  const auto entries = marked_entries(slurp_file(m_site->page()));
  EXPECT_EQ(entries.size(), 16u);
  EXPECT_NE(slurp_file(m_site->site() / "_bibliography/papers.bib").find("@article{benton2024denoising"), std::string::npos);
  EXPECT_EQ(m_site->output_files().size(), 3u + 16u);  // page, bib, json + one file per paper
  expect_polite(*m_site);

  const Snapshot before = snapshot(*m_site);
  ASSERT_TRUE(m_site->server()->reset());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto again = m_site->scholard({"sync"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("0 requests to arXiv, 0 to Crossref, 0 to Semantic Scholar, 0 changed, outputs unchanged"), std::string::npos)
      << again.out;
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->arxiv.requests, 0);
  EXPECT_EQ(stats->crossref.requests, 0);
  const Snapshot after = snapshot(*m_site);
  EXPECT_EQ(after.bytes, before.bytes);
  EXPECT_EQ(after.mtime_ns, before.mtime_ns);
}

TEST_F(Sync, NewVersionWithDoiUpdatesExactlyThatEntryAndRunsTheHookOnce) {
  start({"150ms", "100ms", {"/bin/sh", "-c", "echo \\\"$SCHOLARD_CHANGED_COUNT\\\" >> hook.log"}, {}, {}});
  auto first = m_site->scholard({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const fs::path hook_log = m_site->root() / "config" / "hook.log";
  EXPECT_EQ(slurp_file(hook_log), "4\n");  // page, bib, publications folder, json
  const auto before = marked_entries(slurp_file(m_site->page()));

  // arXiv now has v3 of 2305.16860 with the DOI and journal reference of its publication.
  const fs::path feed = m_site->fixtures() / "arxiv" / "arxiv-2305.16860.xml";
  std::string xml = slurp_file(feed);
  ASSERT_GT(replace_all(xml, "2305.16860v2", "2305.16860v3"), 0);
  ASSERT_EQ(replace_all(xml, "    <arxiv:primary_category",
                        "    <arxiv:journal_ref>Transactions on Machine Learning Research (2024)</arxiv:journal_ref>\n"
                        "    <arxiv:primary_category"),
            1);
  ASSERT_EQ(replace_all(xml, "  </entry>",
                        "    <arxiv:doi>10.5555/tmlr.2024.0042</arxiv:doi>\n"
                        "    <link href=\"https://doi.org/10.5555/tmlr.2024.0042\" rel=\"related\" title=\"doi\"/>\n"
                        "  </entry>"),
            1);
  std::ofstream(feed, std::ios::trunc) << xml;
  std::string error;
  ASSERT_TRUE(m_site->start_server(error)) << error;

  auto second = m_site->scholard({"sync", "--force"});
  // The new DOI is followed to Crossref in the same pass; the fixture set does
  // not hold that work, so that one lookup is "not found" (exit 1).
  EXPECT_EQ(second.exit_code, 1) << second.out << second.err;
  EXPECT_NE(second.err.find("Crossref: "), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("(2305.16860)"), std::string::npos) << second.err;
  const auto after = marked_entries(slurp_file(m_site->page()));
  ASSERT_EQ(after.size(), before.size());
  int differing = 0;
  for (std::size_t i = 0; i < after.size(); ++i) {
    if (after[i] == before[i]) continue;
    ++differing;
    EXPECT_NE(after[i].find("Error Bounds for Flow Matching Methods](https://doi.org/10.5555/tmlr.2024.0042)"),
              std::string::npos)
        << after[i];
  }
  EXPECT_EQ(differing, 1);
  EXPECT_EQ(slurp_file(hook_log), "4\n4\n");  // once per pass that changed outputs
  auto history = m_site->scholard({"history", "2305.16860"});
  EXPECT_NE(history.out.find("arXiv v3"), std::string::npos) << history.out;
  expect_polite(*m_site);
}

TEST_F(Sync, ServerDownLeavesEveryOutputByteIdentical) {
  start({"40ms", "30ms", {}, {}, {}});  // short intervals: the refused connections are retried with backoff
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  const Snapshot before = snapshot(*m_site);
  m_site->stop_server();
  auto r = m_site->scholard({"sync", "--force"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("no source could be reached"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("127.0.0.1"), std::string::npos) << r.err;
  const Snapshot after = snapshot(*m_site);
  EXPECT_EQ(after.bytes, before.bytes);
  EXPECT_EQ(after.mtime_ns, before.mtime_ns);
}

TEST_F(Sync, DryRunPrintsTheDiffAndWritesNothing) {
  start();
  const std::string page_before = slurp_file(m_site->page());
  auto r = m_site->scholard({"sync", "--dry-run"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("+++ b/" + m_site->page().relative_path().string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+[Inverse Scaling in Test-Time Compute]"), std::string::npos) << r.out;
  EXPECT_EQ(slurp_file(m_site->page()), page_before);
  EXPECT_FALSE(fs::exists(m_site->site() / "_bibliography"));
  EXPECT_FALSE(fs::exists(m_site->store()));
}

TEST_F(Sync, OnlyFetchesTheNamedPaper) {
  start();
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  ASSERT_TRUE(m_site->server()->reset());
  auto r = m_site->scholard({"sync", "--force", "--only", "arXiv:2308.03686"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("1 request to arXiv, 0 to Crossref"), std::string::npos) << r.out;
  auto bad = m_site->scholard({"sync", "--only", "2401.99999"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("is not listed"), std::string::npos) << bad.err;
}

TEST_F(Sync, ViewsShowWhatTheStoreHolds) {
  start();
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  auto list = m_site->scholard({"list"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("2308.03686"), std::string::npos) << list.out;
  auto show = m_site->scholard({"show", "https://arxiv.org/abs/2211.03595"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("[crossref]"), std::string::npos) << show.out;
  auto json = m_site->scholard({"list", "--json"});
  EXPECT_EQ(json.out.rfind("{", 0), 0u) << json.out;
  // Several ids: one JSON document per line, in the order asked; text
  // answers one after the other.
  auto two = m_site->scholard({"show", "2211.03595", "2308.03686", "--json"});
  EXPECT_EQ(two.exit_code, 0) << two.err;
  const auto first_end = two.out.find('\n');
  ASSERT_NE(first_end, std::string::npos) << two.out;
  EXPECT_NE(two.out.substr(0, first_end).find("\"key\":\"2211.03595\""), std::string::npos) << two.out;
  EXPECT_NE(two.out.substr(first_end + 1).find("\"key\":\"2308.03686\""), std::string::npos) << two.out;
  EXPECT_EQ(std::count(two.out.begin(), two.out.end(), '\n'), 2) << two.out;
  auto two_text = m_site->scholard({"show", "2211.03595", "2308.03686"});
  EXPECT_EQ(two_text.exit_code, 0) << two_text.err;
  EXPECT_LT(two_text.out.find("2211.03595"), two_text.out.find("2308.03686")) << two_text.out;
  // One unknown id: exit 2, the id named, nothing on stdout.
  auto unknown = m_site->scholard({"show", "2211.03595", "2401.99999", "--json"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_NE(unknown.err.find("2401.99999 is not in the store"), std::string::npos) << unknown.err;
  auto status = m_site->scholard({"status"});
  EXPECT_EQ(status.exit_code, 0);
  auto bib = m_site->scholard({"export", "--format", "bibtex"});
  EXPECT_EQ(bib.exit_code, 0);
  EXPECT_EQ(bib.out, slurp_file(m_site->site() / "_bibliography/papers.bib"));
  auto render = m_site->scholard({"render", "--dry-run"});
  EXPECT_EQ(render.exit_code, 0);
  EXPECT_NE(render.out.find("render: outputs unchanged"), std::string::npos) << render.out;
}

// arXiv's interval holds across processes: the second of two syncs started
// back to back waits until one interval after the first one's last arXiv
// request (kept in the store), which a new process's limiter cannot know.
TEST_F(Sync, BackToBackSyncsKeepArxivsIntervalBetweenProcesses) {
  SeedSiteOptions options;
  options.arxiv_interval = "1500ms";
  options.referee_interval = "1400ms";
  start(options);
  auto first = m_site->scholard({"sync", "--force"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto started = std::chrono::steady_clock::now();
  auto second = m_site->scholard({"--log-level", "debug", "sync", "--force"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  expect_polite(*m_site);
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->arxiv.requests, 2) << "one batch per sync";
  EXPECT_GE(stats->arxiv.min_gap_ms, 1400);
  EXPECT_NE(second.err.find("previous process's last request"), std::string::npos) << second.err;
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(100));
}

}  // namespace
}  // namespace scholard::testing
