// No empty, foreign or duplicated entry is published (issue 19, points 3 and
// 4), end to end: the real binary against the fake API server.
//  - a paper never fetched successfully (a mistyped arXiv id, a DOI Crossref
//    does not know, a new paper while arXiv answers 503) is in no output;
//    sync's summary, `status` (text and JSON) and exit status 1 say it waits
//    and why; the next good fetch publishes it; `sync --only` fetches it
//    whatever its backoff says;
//  - a paper by none of the profile's names is reported by sync, check and
//    status, still rendered, and silenced by not_an_author = true;
//  - one paper listed twice (by arXiv id and by the DOI its arXiv record
//    names; two manual titles differing in case and punctuation) is reported
//    and rendered once in every output.
// Fixtures: tests/data/seed plus tests/data/publish (see its PROVENANCE.md).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

// Two seed papers by the researcher, fetched from arXiv.
constexpr const char* k_base_papers = R"([[paper]]
arxiv = "2308.03686"

[[paper]]
arxiv = "2210.06226"
)";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

class PublishSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    m_site = std::make_unique<SeedSite>();
    for (const auto& f : fs::directory_iterator(fs::path(SCHOLARD_TEST_DATA) / "publish" / "arxiv")) {
      fs::copy_file(f.path(), m_site->fixtures() / "arxiv" / f.path().filename(), fs::copy_options::overwrite_existing);
    }
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    write_config(k_base_papers);
  }

  // A config of its own (every output format, CSL-JSON included) for the
  // seed site's page and folders, listing `papers`.
  void write_config(const std::string& papers) {
    const std::string base = m_site->server()->base_url();
    std::ofstream(m_site->config(), std::ios::binary | std::ios::trunc)
        << "[profile]\nname = \"Joe Benton\"\naliases = [\"Joseph Benton\", \"J. Benton\"]\n"
        << "contact = \"publish-safety-test@scholard.invalid\"\n\n"
        << "[store]\npath = \"../var/scholard.db\"\n\n"
        << "[sources.arxiv]\nbase_url = \"" << base << "/api/query\"\nmin_interval = \"150ms\"\n\n"
        << "[sources.crossref]\nbase_url = \"" << base << "\"\n\n"
        << "[sources.semanticscholar]\nbase_url = \"" << base << "/graph/v1\"\nmin_interval = \"150ms\"\n\n"
        << "[[output]]\nformat = \"markdown\"\npath = \"../examples/site/_pages/research.md\"\n\n"
        << "[[output]]\nformat = \"bibtex\"\npath = \"../examples/site/_bibliography/papers.bib\"\n\n"
        << "[[output]]\nformat = \"csl-json\"\npath = \"../examples/site/_data/papers.csl.json\"\n\n"
        << "[[output]]\nformat = \"json\"\npath = \"../examples/site/_data/publications.json\"\n\n"
        << "[[output]]\nformat = \"academicpages\"\npath = \"../examples/site/_publications\"\n\n"
        << papers;
  }

  // Every output's bytes, the academicpages files concatenated.
  std::string all_outputs() const {
    std::string all;
    for (const auto& f : m_site->output_files()) all += slurp_file(f);
    return all + slurp_file(m_site->site() / "_data" / "papers.csl.json");
  }

  void expect_in_no_output(const std::string& text) const {
    for (auto f : m_site->output_files()) {
      EXPECT_EQ(slurp_file(f).find(text), std::string::npos) << text << " is in " << f;
    }
    const auto csl = m_site->site() / "_data" / "papers.csl.json";
    EXPECT_EQ(slurp_file(csl).find(text), std::string::npos) << text << " is in " << csl;
    EXPECT_EQ(all_outputs().find("anonnda"), std::string::npos);  // the citation key of an empty entry
  }

  // Each process has its own limiter: wait out the referee's arXiv interval.
  CommandResult run(std::vector<std::string> args) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    return m_site->scholard(std::move(args));
  }

  std::unique_ptr<SeedSite> m_site;
};

TEST_F(PublishSafety, AMistypedArxivIdWaitsInNoOutputAndSaysWhy) {
  write_config(std::string(k_base_papers) + "\n[[paper]]\narxiv = \"2412.99999\"\n");
  auto r = run({"sync"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("2412.99999: not on the page yet: arXiv has no such paper — typo?"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 paper waiting (not on the page yet)"), std::string::npos) << r.out;
  expect_in_no_output("2412.99999");
  EXPECT_EQ(marked_entries(slurp_file(m_site->page())).size(), 2u);

  auto status = run({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("Not on the page yet"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("2412.99999: arXiv has no such paper — typo?"), std::string::npos) << status.out;
  auto json = run({"status", "--json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find(R"("waiting":[{"paper":"2412.99999","reason":"arXiv has no such paper — typo?"}])"),
            std::string::npos)
      << json.out;
  EXPECT_NE(json.out.find(R"("foreign_authors":[])"), std::string::npos) << json.out;

  // Nothing was fetched, nothing changed: the second sync still says so and exits 1.
  auto again = run({"sync"});
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_NE(again.err.find("2412.99999: not on the page yet"), std::string::npos) << again.err;
  expect_in_no_output("2412.99999");
}

TEST_F(PublishSafety, ADoiCrossrefDoesNotKnowWaitsInNoOutput) {
  write_config(std::string(k_base_papers) + "\n[[paper]]\ndoi = \"10.9999/scholard.no-such-doi\"\n");
  auto r = run({"sync"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("10.9999/scholard.no-such-doi: not on the page yet: Crossref does not know this DOI — typo?"),
            std::string::npos)
      << r.err;
  expect_in_no_output("no-such-doi");
  EXPECT_EQ(marked_entries(slurp_file(m_site->page())).size(), 2u);
  auto status = run({"status"});
  EXPECT_NE(status.out.find("10.9999/scholard.no-such-doi: Crossref does not know this DOI"), std::string::npos)
      << status.out;
}

TEST_F(PublishSafety, ANewPaperWhileArxivAnswers503WaitsThenOnlyFetchesItDespiteItsBackoff) {
  auto first = run({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string before = all_outputs();

  write_config(std::string(k_base_papers) + "\n[[paper]]\narxiv = \"2305.16860\"\n");
  ASSERT_TRUE(m_site->server()->set_fault("arxiv", "503", "", 0));
  auto failed = run({"sync"});
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_NE(failed.err.find("2305.16860: not on the page yet: arXiv unreachable (HTTP 503), will retry"),
            std::string::npos)
      << failed.err;
  expect_in_no_output("2305.16860");
  EXPECT_EQ(all_outputs(), before);  // the other papers' entries are untouched
  auto status = run({"status", "--json"});
  EXPECT_NE(status.out.find(R"({"paper":"2305.16860","reason":"arXiv unreachable (HTTP 503), will retry"})"),
            std::string::npos)
      << status.out;

  // arXiv is back, but the paper is backed off: a plain sync does not ask.
  ASSERT_TRUE(m_site->server()->reset());
  auto backed_off = run({"sync"});
  EXPECT_EQ(backed_off.exit_code, 1) << backed_off.out << backed_off.err;
  EXPECT_NE(backed_off.out.find("0 requests to arXiv"), std::string::npos) << backed_off.out;
  EXPECT_NE(backed_off.err.find("2305.16860: not on the page yet"), std::string::npos) << backed_off.err;

  // --only fetches it now, and the good answer puts it on the page.
  auto only = run({"sync", "--only", "2305.16860"});
  EXPECT_EQ(only.exit_code, 0) << only.out << only.err;
  EXPECT_NE(only.out.find("1 request to arXiv"), std::string::npos) << only.out;
  EXPECT_EQ(only.err.find("not on the page yet"), std::string::npos) << only.err;
  EXPECT_NE(slurp_file(m_site->page()).find("2305.16860"), std::string::npos);
  EXPECT_NE(slurp_file(m_site->site() / "_data" / "papers.csl.json").find("2305.16860"), std::string::npos);
  EXPECT_EQ(marked_entries(slurp_file(m_site->page())).size(), 3u);
  auto status_after = run({"status", "--json"});
  EXPECT_NE(status_after.out.find(R"("waiting":[])"), std::string::npos) << status_after.out;
}

TEST_F(PublishSafety, APaperByNobodyInTheProfileIsFlaggedUntilNotAnAuthor) {
  write_config(std::string(k_base_papers) + "\n[[paper]]\narxiv = \"2403.01977\"\n");
  const std::string flag = "2403.01977: none of the authors matches your profile (Jane Benton, Ana Example, Bram "
                           "Sample, ...); typo?";
  auto r = run({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find(flag), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 paper to check"), std::string::npos) << r.out;
  EXPECT_NE(slurp_file(m_site->page()).find("Another Benton"), std::string::npos);  // still rendered

  auto again = run({"sync"});  // nothing due: still said
  EXPECT_NE(again.err.find(flag), std::string::npos) << again.err;
  auto check = run({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("WARN  " + flag), std::string::npos) << check.out;
  auto status = run({"status"});
  EXPECT_NE(status.out.find("To check:\n  " + flag), std::string::npos) << status.out;
  auto json = run({"status", "--json"});
  EXPECT_NE(json.out.find(R"("foreign_authors":[{"paper":"2403.01977","authors":["Jane Benton","Ana Example","Bram Sample"],"author_count":4}])"),
            std::string::npos)
      << json.out;

  write_config(std::string(k_base_papers) + "\n[[paper]]\narxiv = \"2403.01977\"\nnot_an_author = true\n");
  auto quiet = run({"sync"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.out << quiet.err;
  EXPECT_EQ(quiet.err.find("none of the authors"), std::string::npos) << quiet.err;
  EXPECT_EQ(quiet.out.find("to check"), std::string::npos) << quiet.out;
  EXPECT_EQ(run({"check"}).out.find("none of the authors"), std::string::npos);
  EXPECT_EQ(run({"status"}).out.find("none of the authors"), std::string::npos);
  EXPECT_NE(slurp_file(m_site->page()).find("Another Benton"), std::string::npos);
}

TEST_F(PublishSafety, AnArxivIdAndTheDoiItsRecordNamesAreOnePaperRenderedOnce) {
  write_config(std::string(k_base_papers) + "\n[[paper]]\narxiv = \"2211.03595\"\n\n[[paper]]\ndoi = \"10.1093/jrsssb/qkae005\"\n");
  auto r = run({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("10.1093/jrsssb/qkae005: the same paper as 2211.03595 (the same DOI 10.1093/jrsssb/qkae005)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(marked_entries(slurp_file(m_site->page())).size(), 3u);
  const std::string title = "denoising markov models";
  EXPECT_EQ(count_of(lower(slurp_file(m_site->page())), title), 1u);
  // JRSSB (Crossref) and 2210.06226, which Semantic Scholar places in JMLR.
  EXPECT_EQ(count_of(slurp_file(m_site->site() / "_bibliography" / "papers.bib"), "@article{"), 2u);
  EXPECT_EQ(count_of(slurp_file(m_site->site() / "_bibliography" / "papers.bib"), "@"), 3u);
  EXPECT_EQ(count_of(slurp_file(m_site->site() / "_data" / "papers.csl.json"), "\"id\":"), 3u);
  std::size_t files = 0;
  for (const auto& f : fs::directory_iterator(m_site->site() / "_publications")) {
    if (lower(slurp_file(f.path())).find(title) != std::string::npos) ++files;
  }
  EXPECT_EQ(files, 1u);
  auto check = run({"check"});
  EXPECT_NE(check.out.find("WARN  10.1093/jrsssb/qkae005: the same paper as 2211.03595"), std::string::npos)
      << check.out;
  auto json = run({"status", "--json"});
  EXPECT_NE(json.out.find(R"("duplicates":[{"paper":"10.1093/jrsssb/qkae005","same_as":"2211.03595")"),
            std::string::npos)
      << json.out;
}

TEST_F(PublishSafety, TwoManualTitlesDifferingInCaseAndPunctuationAreOnePaper) {
  const std::string manual = R"(
[[paper]]
title   = "Many-shot Jailbreaking"
authors = ["Cem Anil", "Joe Benton"]
year    = 2024

[[paper]]
title   = "Many-Shot Jailbreaking."
authors = ["Cem Anil", "Joe Benton", "others"]
year    = 2024
)";
  write_config(std::string(k_base_papers) + manual);
  auto check = run({"check"});  // no store yet: the config alone tells
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find(": the same paper as manual:many-shot-jailbreaking (the same title)"), std::string::npos)
      << check.out;
  auto r = run({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find(": the same paper as manual:many-shot-jailbreaking (the same title)"), std::string::npos) << r.err;
  EXPECT_EQ(count_of(lower(slurp_file(m_site->page())), "many-shot jailbreaking"), 1u);
  EXPECT_EQ(count_of(lower(slurp_file(m_site->site() / "_data" / "publications.json")), "many-shot jailbreaking"), 1u);
  EXPECT_EQ(marked_entries(slurp_file(m_site->page())).size(), 3u);
}

}  // namespace
}  // namespace scholard::testing
