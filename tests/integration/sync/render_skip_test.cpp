// The render stamp end to end (src/daemon/render_stamp.hpp): a sync in which
// nothing can have changed renders nothing and leaves every output untouched;
// an edited config, a removed paper, a hand-edited or deleted output, or an
// output in error makes the next sync render again.
#include <sys/stat.h>

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

// Logged (debug) by a pass that found the outputs as the last render left them.
constexpr const char* k_not_rendered = "not rendered";

// What changes when a file is written: inode, size, mtime, ctime.
using Stats = std::map<std::string, std::string>;

std::string stat_text(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "missing";
  return std::to_string(st.st_ino) + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec) + " " + std::to_string(st.st_ctim.tv_sec) + "." +
         std::to_string(st.st_ctim.tv_nsec);
}

Stats stats_of(const SeedSite& site) {
  Stats s;
  for (const auto& f : site.output_files()) s[f.string()] = stat_text(f);
  s["folder"] = stat_text(site.site() / "_publications");
  return s;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc | std::ios::binary);  // in place: same inode
  out << text;
}

class RenderSkip : public ::testing::Test {
 protected:
  void SetUp() override {
    m_site = std::make_unique<SeedSite>();
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    auto first = sync();
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    ASSERT_EQ(first.err.find(k_not_rendered), std::string::npos) << first.err;
  }

  // `scholard --log-level debug sync ...`. Waits out the referee's arXiv
  // interval first: each process has its own limiter.
  CommandResult sync(std::vector<std::string> extra = {}) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    std::vector<std::string> args = {"--log-level", "debug", "sync"};
    args.insert(args.end(), extra.begin(), extra.end());
    return m_site->scholard(args);
  }

  // A nothing-due sync that must render (and so not log k_not_rendered).
  CommandResult sync_that_renders() {
    auto r = sync();
    EXPECT_NE(r.out.find("0 requests to arXiv, 0 to Crossref"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find(k_not_rendered), std::string::npos) << r.err;
    return r;
  }

  void expect_skipped() {
    const Stats before = stats_of(*m_site);
    auto r = sync();
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("0 requests to arXiv, 0 to Crossref, 0 to Semantic Scholar, 0 changed, outputs unchanged"), std::string::npos)
        << r.out;
    EXPECT_NE(r.err.find(k_not_rendered), std::string::npos) << r.err;
    EXPECT_EQ(stats_of(*m_site), before);
  }

  std::unique_ptr<SeedSite> m_site;
};

TEST_F(RenderSkip, NothingDueSyncRendersNothingAndTouchesNoOutput) {
  expect_skipped();
  expect_skipped();  // the stamp survives a skipped pass
}

TEST_F(RenderSkip, ForceAndDryRunAlwaysRender) {
  auto dry = sync({"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_EQ(dry.err.find(k_not_rendered), std::string::npos) << dry.err;
  EXPECT_NE(dry.out.find("outputs unchanged"), std::string::npos) << dry.out;
  auto forced = sync({"--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  EXPECT_EQ(forced.err.find(k_not_rendered), std::string::npos) << forced.err;
  EXPECT_NE(forced.out.find("outputs unchanged"), std::string::npos) << forced.out;
  expect_skipped();
}

TEST_F(RenderSkip, HandEditedPageIsRestoredAndEditsOutsideTheBlockAreKept) {
  const std::string page = slurp_file(m_site->page());
  std::string edited = page;
  ASSERT_EQ(replace_all(edited, "SHADE-Arena", "SHADE-Arena (hand-edited)"), 1);
  write_file(m_site->page(), edited);
  auto r = sync_that_renders();
  EXPECT_NE(r.out.find("research.md rewritten"), std::string::npos) << r.out;
  EXPECT_EQ(slurp_file(m_site->page()), page);
  expect_skipped();

  // The user's own text around the block: rendered again (the page changed),
  // kept, and the stamp follows it.
  write_file(m_site->page(), "Intro by hand.\n" + page);
  r = sync_that_renders();
  EXPECT_NE(r.out.find("outputs unchanged"), std::string::npos) << r.out;
  EXPECT_EQ(slurp_file(m_site->page()), "Intro by hand.\n" + page);
  expect_skipped();
}

TEST_F(RenderSkip, EditedOrDeletedSingleFileOutputIsRestored) {
  const fs::path bib = m_site->site() / "_bibliography" / "papers.bib";
  const std::string bytes = slurp_file(bib);
  write_file(bib, bytes + "% a note\n");
  auto r = sync_that_renders();
  EXPECT_NE(r.out.find("papers.bib rewritten"), std::string::npos) << r.out;
  EXPECT_EQ(slurp_file(bib), bytes);
  fs::remove(bib);
  sync_that_renders();
  EXPECT_EQ(slurp_file(bib), bytes);
  expect_skipped();
}

TEST_F(RenderSkip, PublicationsFolderFilesDeletedOrReplacedAreRestoredEditedInPlaceAtTheNextRender) {
  const fs::path folder = m_site->site() / "_publications";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path());
  ASSERT_GE(files.size(), 2u);
  const fs::path deleted = files[0];
  const fs::path replaced = files[1];
  const std::string deleted_bytes = slurp_file(deleted);
  const std::string replaced_bytes = slurp_file(replaced);

  fs::remove(deleted);
  sync_that_renders();
  EXPECT_EQ(slurp_file(deleted), deleted_bytes);

  const fs::path temp = folder / ".edit.tmp";  // how editors and `sed -i` save: a new file renamed over
  write_file(temp, replaced_bytes + "hand-edited\n");
  fs::rename(temp, replaced);
  sync_that_renders();
  EXPECT_EQ(slurp_file(replaced), replaced_bytes);
  expect_skipped();

  // Edited in place, the folder does not change: documented as restored by the
  // next sync that renders (here `scholard render`), not by a nothing-due one.
  write_file(replaced, replaced_bytes + "hand-edited in place\n");
  expect_skipped();
  EXPECT_EQ(slurp_file(replaced), replaced_bytes + "hand-edited in place\n");
  auto render = m_site->scholard({"render"});
  EXPECT_EQ(render.exit_code, 0) << render.out << render.err;
  EXPECT_EQ(slurp_file(replaced), replaced_bytes);
}

TEST_F(RenderSkip, ConfigEditThatChangesRenderingRendersWithNothingDue) {
  const std::string page = slurp_file(m_site->page());
  std::string cfg = slurp_file(m_site->config());
  // The Markdown output's max_authors (the first [[output]]): 15 -> 2.
  const auto at = cfg.find("max_authors   = 15");
  ASSERT_NE(at, std::string::npos);
  cfg.replace(at, std::string("max_authors   = 15").size(), "max_authors   = 2 ");
  write_file(m_site->config(), cfg);
  auto r = sync_that_renders();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("0 changed, research.md rewritten"), std::string::npos) << r.out;
  EXPECT_NE(slurp_file(m_site->page()), page);
  expect_skipped();

  // A comment changes the bytes but not the outputs: rendered, nothing written.
  write_file(m_site->config(), cfg + "\n# a comment\n");
  r = sync_that_renders();
  EXPECT_NE(r.out.find("outputs unchanged"), std::string::npos) << r.out;
  expect_skipped();
}

TEST_F(RenderSkip, RemovedPaperIsRenderedAwayWithNothingDue) {
  ASSERT_NE(slurp_file(m_site->page()).find("SHADE-Arena"), std::string::npos);
  auto removed = m_site->scholard({"remove", "arXiv:2506.15740"});
  ASSERT_EQ(removed.exit_code, 0) << removed.out << removed.err;
  auto r = sync_that_renders();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("research.md"), std::string::npos) << r.out;
  EXPECT_EQ(slurp_file(m_site->page()).find("SHADE-Arena"), std::string::npos);
  expect_skipped();
}

TEST_F(RenderSkip, OutputInErrorIsReportedByEverySync) {
  std::string page = slurp_file(m_site->page());
  ASSERT_EQ(replace_all(page, "<!-- scholard:end -->", ""), 1);
  write_file(m_site->page(), page);
  for (int pass = 0; pass < 2; ++pass) {
    auto r = sync();
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_EQ(r.err.find(k_not_rendered), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("scholard:end"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace scholard::testing
