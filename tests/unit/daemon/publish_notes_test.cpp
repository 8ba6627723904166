// What the outputs are rendered from after screening (daemon::published_papers)
// and how the list's notes reach the researcher: the reasons a paper waits,
// the note lines, and a pass's exit status and summary.
#include <algorithm>

#include <gtest/gtest.h>

#include "daemon/pass_report.hpp"
#include "daemon/outputs.hpp"

namespace scholard::daemon {
namespace {

const SourceInfo k_arxiv{"arxiv", "arXiv", core::SourceKind::preprint_server};
const SourceInfo k_crossref{"crossref", "Crossref", core::SourceKind::doi_registry};

constexpr const char* k_config = R"([profile]
name = "Joe Benton"
aliases = ["J. Benton"]
contact = "someone@example.org"

[[output]]
format = "bibtex"
path = "papers.bib"

[[paper]]
arxiv = "2308.03686"

[[paper]]
arxiv = "2412.99999"

[[paper]]
doi = "10.9999/nope"

[[paper]]
arxiv = "2403.01977"

[[paper]]
arxiv = "2403.00001"
not_an_author = true

[[paper]]
arxiv = "2401.00002"
title = "Written in the Config"
)";

config::Config parsed() {
  config::Environment env;
  env.variables = {{"HOME", "/home/tester"}};
  env.cwd = "/work/cwd";
  auto cfg = config::parse_config(k_config, "test.toml", "/srv/cfg", env);
  EXPECT_TRUE(cfg) << cfg.error().message;
  return cfg ? *cfg : config::Config{};
}

store::StoredRecord arxiv_record(const std::string& id, std::vector<std::string> names) {
  store::StoredRecord r;
  r.source = "arxiv";
  r.state.outcome = store::StoredOutcome::ok;
  r.state.has_record = true;
  core::Record rec;
  rec.source = "arxiv";
  rec.arxiv_id = id;
  rec.title = "Paper " + id;
  rec.published = {2024, 3, 1};
  for (auto& n : names) {
    core::Author a;
    a.name = std::move(n);
    rec.authors.push_back(std::move(a));
  }
  r.record = std::move(rec);
  return r;
}

store::StoredRecord failed(std::string source, store::StoredOutcome outcome, std::string error) {
  store::StoredRecord r;
  r.source = source;
  r.state.outcome = outcome;
  r.state.last_error = std::move(error);
  r.state.failures = 1;
  return r;
}

store::PaperDetail detail(std::string key, std::vector<store::StoredRecord> records) {
  store::PaperDetail d;
  d.key = std::move(key);
  d.records = std::move(records);
  return d;
}

std::vector<store::PaperDetail> stored() {
  return {detail("2308.03686", {arxiv_record("2308.03686", {"Joe Benton", "Ann Other"})}),
          detail("2412.99999", {failed("arxiv", store::StoredOutcome::not_found, "arXiv has no paper 2412.99999")}),
          detail("10.9999/nope", {failed("crossref", store::StoredOutcome::error,
                                         "api.crossref.org: HTTP 503 (service unavailable)")}),
          detail("2403.01977", {arxiv_record("2403.01977", {"Jane Benton", "Ann Other"})}),
          detail("2403.00001", {arxiv_record("2403.00001", {"Somebody Else"})})};
}

TEST(WaitingReason, SaysWhatTheSourceAnsweredForAPerson) {
  store::FetchState st;
  st.outcome = store::StoredOutcome::not_found;
  EXPECT_EQ(waiting_reason(&k_arxiv, "arxiv", st), "arXiv has no such paper — typo?");
  EXPECT_EQ(waiting_reason(&k_crossref, "crossref", st), "Crossref does not know this DOI — typo?");
  st.outcome = store::StoredOutcome::error;
  st.last_error = "export.arxiv.org: HTTP 503 (service unavailable) (text/html, not Atom)";
  EXPECT_EQ(waiting_reason(&k_arxiv, "arxiv", st), "arXiv unreachable (HTTP 503), will retry");
  st.last_error = "export.arxiv.org: could not resolve host (no network?)";
  EXPECT_EQ(waiting_reason(&k_arxiv, "arxiv", st),
            "arXiv unreachable (export.arxiv.org: could not resolve host (no network?)), will retry");
  st.outcome = store::StoredOutcome::ok;
  EXPECT_EQ(waiting_reason(&k_arxiv, "arxiv", st), "");
}

TEST(PublishedPapers, LeavesOutWaitingPapersAndNamesTheRest) {
  const auto list = published_papers(parsed(), stored());
  std::vector<std::string> keys;
  for (const auto& p : list.papers) keys.push_back(p.key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"2308.03686", "2401.00002", "2403.00001", "2403.01977"}));
  ASSERT_EQ(list.notes.waiting.size(), 2u);
  EXPECT_EQ(list.notes.waiting[0].key, "2412.99999");
  EXPECT_EQ(list.notes.waiting[0].reason, "arXiv has no such paper — typo?");
  EXPECT_TRUE(list.notes.waiting[0].tried);
  EXPECT_EQ(list.notes.waiting[1].reason, "Crossref unreachable (HTTP 503), will retry");
  ASSERT_EQ(list.notes.foreign.size(), 1u);  // 2403.00001 says not_an_author
  EXPECT_EQ(list.notes.foreign[0].key, "2403.01977");
  EXPECT_TRUE(list.notes.duplicates.empty());
}

TEST(PublishedPapers, APaperTheStoreHasNeverSeenIsNotFetchedYet) {
  const auto list = published_papers(parsed(), {});
  ASSERT_EQ(list.notes.waiting.size(), 5u);
  EXPECT_EQ(list.notes.waiting[0].reason, "not fetched yet");
  EXPECT_FALSE(list.notes.waiting[0].tried);
  ASSERT_EQ(list.papers.size(), 1u);  // the one with a title in the config
  EXPECT_EQ(list.papers[0].key, "2401.00002");
}

TEST(PaperNotes, OneLineEachStartingWithTheKey) {
  const auto lines = published_papers(parsed(), stored()).notes.lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "2412.99999: not on the page yet: arXiv has no such paper — typo?");
  EXPECT_EQ(lines[1], "10.9999/nope: not on the page yet: Crossref unreachable (HTTP 503), will retry");
  EXPECT_EQ(lines[2], "2403.01977: none of the authors matches your profile (Jane Benton, Ann Other); typo? "
                      "(if you know you are not among them: not_an_author = true in its [[paper]])");
}

TEST(PassReportNotes, AWaitingPaperMakesThePassExitOneAndIsCounted) {
  PassReport r;
  r.papers = 6;
  r.rendered = true;
  r.render.notes = published_papers(parsed(), stored()).notes;
  EXPECT_EQ(r.exit_code(), 1);
  const auto line = r.summary_line("sync");
  EXPECT_NE(line.find(", 2 papers waiting (not on the page yet), 1 paper to check"), std::string::npos) << line;
  r.render.notes.waiting.clear();
  EXPECT_EQ(r.exit_code(), 0);  // a paper to check is a warning
}

TEST(PassReportNotes, AWaitingPapersLineReplacesItsFailureLine) {
  PassReport r;
  r.failures.push_back({"2412.99999", "arxiv", "arXiv has no paper 2412.99999",
                        store::StoredOutcome::not_found});
  r.failures.push_back({"2308.03686", "arxiv", "arXiv: HTTP 500", store::StoredOutcome::error});
  r.render.notes.waiting.push_back({"2412.99999", "arXiv has no such paper — typo?", true});
  const auto lines = r.failure_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "arXiv: HTTP 500 (2308.03686)");  // the source named once
  EXPECT_EQ(lines[1], "2412.99999: not on the page yet: arXiv has no such paper — typo?");
}

TEST(PassReportNotes, ManyWaitingPapersKeepTheGroupedFailuresAndGetOneLine) {
  PassReport r;
  for (int i = 0; i < 7; ++i) {
    const std::string key = "2501.0000" + std::to_string(i);
    r.failures.push_back({key, "arxiv", "export.arxiv.org: could not resolve host (no network?)",
                          store::StoredOutcome::error});
    r.render.notes.waiting.push_back({key, "arXiv unreachable (...), will retry", true});
  }
  const auto lines = r.failure_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "arXiv: export.arxiv.org: could not resolve host (no network?): 7 papers (2501.00000, "
                      "2501.00001, 2501.00002, 2501.00003, 2501.00004, ...)");
  EXPECT_EQ(lines[1], "7 papers not on the page yet (2501.00000, 2501.00001, 2501.00002, 2501.00003, 2501.00004, "
                      "...): no source has answered for them yet; scholard status says why for each");
}

}  // namespace
}  // namespace scholard::daemon
