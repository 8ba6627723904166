// `import --write` never damages a page (issue 19, point 1), with the real
// binary on copies of the seed researcher's four pages and the fake API
// server on loopback:
//   - about.md (a bio) and cv.md (plain-title publications after awards and
//     talks) are refused with exit 2, and neither page nor config changes;
//   - a `sync` after importing research-2024.md leaves them byte for byte,
//     also when they are configured as markdown outputs (no markers: refused);
//   - on a page whose papers are followed by talks and a bio paragraph, the
//     markers go around the papers only, and a sync keeps everything else.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "support/fakeapi_process.hpp"
#include "support/run_command.hpp"
#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

const std::string k_bin = SCHOLARD_BIN;
const std::string k_data = SCHOLARD_TEST_DATA;

const std::string k_no_list =
    ": no paragraph or list item looks like a paper (a linked or quoted title, authors, and a venue/year or an "
    "arXiv id/DOI)";

void spit(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// `page` with the two marker lines taken out.
std::string unmarked(std::string page) {
  for (const std::string marker : {"<!-- scholard:begin -->\n", "<!-- scholard:end -->\n"}) {
    const auto at = page.find(marker);
    if (at != std::string::npos) page.erase(at, marker.size());
  }
  return page;
}

// The page's text outside the markers (the whole page when it has none).
std::string outside_markers(const std::string& page) {
  const auto b = page.find("<!-- scholard:begin -->");
  const auto e = page.find("<!-- scholard:end -->");
  if (b == std::string::npos || e == std::string::npos) return page;
  return page.substr(0, b) + page.substr(e);
}

class ImportSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("scholard-import-safety-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
    for (const char* f : {"about.md", "cv.md", "research-2024.md", "research-2025.md", "papers-then-talks.md"}) {
      fs::copy_file(k_data + "/import/" + f, m_dir / f);
    }
  }
  void TearDown() override {
    m_server.reset();
    fs::remove_all(m_dir);
  }

  // `import` runs --offline: these tests are about what gets marked, and a
  // config it creates names the real arXiv and Crossref, which import would
  // otherwise ask (tests never leave loopback). Comparing with the sources is
  // tested in tests/integration/sync/import_keeps_page_test.cpp.
  CommandResult scholard(std::vector<std::string> args) {
    if (!args.empty() && args.front() == "import") args.emplace_back("--offline");
    args.insert(args.begin(), {k_bin, "--config", (m_dir / "scholard.toml").string()});
    return run_command(args, {{"HOME", m_dir.string()}, {"SCHOLARD_CONFIG", ""}, {"XDG_STATE_HOME", ""}},
                       m_dir.string());
  }

  std::string original(const std::string& name) { return slurp_file(k_data + "/import/" + name); }
  std::string now(const std::string& name) { return slurp_file(m_dir / name); }

  // Starts the fake API server on the seed fixtures and points the config at it.
  void serve_config() {
    auto server = FakeApiProcess::start({"--fixtures", k_data + "/seed", "--port", "0", "--arxiv-interval", "100ms",
                                          "--s2-interval", "100ms"});
    ASSERT_TRUE(server) << server.error().message;
    m_server = std::move(*server);
    std::string text = now("scholard.toml");
    ASSERT_EQ(replace_all(text, "\"https://export.arxiv.org/api/query\"", "\"" + m_server->base_url() + "/api/query\""), 1);
    ASSERT_EQ(replace_all(text, "\"https://api.crossref.org\"", "\"" + m_server->base_url() + "\""), 1);
    ASSERT_EQ(replace_all(text, "min_interval = \"3s\"", "min_interval = \"150ms\""), 1);
    ASSERT_EQ(replace_all(text, "\"https://api.semanticscholar.org/graph/v1\"",
                          "\"" + m_server->base_url() + "/graph/v1\""), 1);
    ASSERT_EQ(replace_all(text, "min_interval = \"1s\"", "min_interval = \"150ms\""), 1);
    spit(m_dir / "scholard.toml", text);
  }

  void expect_refused(const std::string& page, bool write) {
    std::vector<std::string> args = {"import", page};
    if (write) args.emplace_back("--write");
    auto r = scholard(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("scholard: no publication list found in " + page + k_no_list), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("put these two lines, each on a line of its own, around it"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("\n  <!-- scholard:begin -->\n  (the list)\n  <!-- scholard:end -->\n"), std::string::npos);
    EXPECT_EQ(now(page), original(page)) << page << " must not change";
  }

  fs::path m_dir;
  std::unique_ptr<FakeApiProcess> m_server;
};

TEST_F(ImportSafety, AboutAndCvAreRefusedAndNothingIsWritten) {
  for (const char* page : {"about.md", "cv.md"}) {
    expect_refused(page, true);
    expect_refused(page, false);
    EXPECT_FALSE(fs::exists(m_dir / "scholard.toml")) << "no config created for " << page;
  }
  // cv.md's plain-title publications: the nearest miss is named.
  auto cv = scholard({"import", "cv.md", "--write"});
  EXPECT_NE(cv.err.find("nearest: cv.md:103 (\"From Denoising Diffusions to Denoising Markov...\") has no linked or "
                        "quoted title"),
            std::string::npos)
      << cv.err;
  EXPECT_EQ(cv.out, "") << "no proposals, no warnings";

  // With a config in place, it is not touched either.
  ASSERT_EQ(scholard({"import", "research-2024.md", "--write"}).exit_code, 0);
  const std::string config = now("scholard.toml");
  const auto mtime = fs::last_write_time(m_dir / "scholard.toml");
  for (const char* page : {"about.md", "cv.md"}) expect_refused(page, true);
  EXPECT_EQ(now("scholard.toml"), config);
  EXPECT_EQ(fs::last_write_time(m_dir / "scholard.toml"), mtime);
}

TEST_F(ImportSafety, ResearchPagesImportAsBefore) {
  auto r = scholard({"import", "research-2024.md", "--write"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("# scholard import: 8 entries in research-2024.md"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("--- a/"), std::string::npos) << "no diff when stdout is not a terminal";
  EXPECT_EQ(unmarked(now("research-2024.md")), original("research-2024.md"));
  EXPECT_NE(now("research-2024.md").find("## Publications\n\n<!-- scholard:begin -->\n[Many-shot"), std::string::npos);
  config::Environment env;
  env.variables = {{"HOME", m_dir.string()}};
  env.cwd = m_dir;
  auto cfg = config::load_config(m_dir / "scholard.toml", env);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->papers.size(), 8u);

  // research-2025.md: its 16 entries, 8 of them new to this config.
  auto more = scholard({"import", "research-2025.md", "--write"});
  ASSERT_EQ(more.exit_code, 0) << more.out << more.err;
  EXPECT_NE(more.out.find("# scholard import: 16 entries in research-2025.md (12 certain, 1 likely, 3 manual); 8 "
                          "already in"),
            std::string::npos)
      << more.out;
  EXPECT_EQ(unmarked(now("research-2025.md")), original("research-2025.md"));
}

TEST_F(ImportSafety, SyncLeavesPagesWithoutMarkersAlone) {
  ASSERT_EQ(scholard({"import", "research-2024.md", "--write"}).exit_code, 0);
  const std::string imported = now("research-2024.md");
  serve_config();
  ASSERT_FALSE(HasFatalFailure());
  auto sync = scholard({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  EXPECT_EQ(now("about.md"), original("about.md"));
  EXPECT_EQ(now("cv.md"), original("cv.md"));
  const std::string research = now("research-2024.md");
  EXPECT_EQ(outside_markers(research), outside_markers(imported)) << research;
  EXPECT_EQ(marked_entries(research).size(), 8u) << research;

  // Configured as markdown outputs, pages without markers are refused, not written.
  std::string config = now("scholard.toml");
  config += "\n[[output]]\nformat = \"markdown\"\npath = \"about.md\"\n\n[[output]]\nformat = \"markdown\"\npath = "
            "\"cv.md\"\n";
  spit(m_dir / "scholard.toml", config);
  for (const std::vector<std::string>& command : {std::vector<std::string>{"sync", "--force"}, {"render"}}) {
    auto r = scholard(command);
    EXPECT_EQ(r.exit_code, 2) << command[0] << ": a refused output is a configuration problem\n" << r.out << r.err;
    for (const char* page : {"about.md", "cv.md"}) {
      EXPECT_NE(r.err.find((m_dir / page).string() + ": no `<!-- scholard:begin -->` marker; add the two"),
                std::string::npos)
          << r.err;
    }
    EXPECT_EQ(now("about.md"), original("about.md")) << command[0];
    EXPECT_EQ(now("cv.md"), original("cv.md")) << command[0];
    EXPECT_EQ(now("research-2024.md"), research) << command[0];
  }
}

TEST_F(ImportSafety, MarkersGoAroundThePapersOnlyAndSyncKeepsTheRest) {
  const std::string page = original("papers-then-talks.md");
  auto dry = scholard({"import", "papers-then-talks.md", "--diff"});
  ASSERT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_NE(dry.out.find("# scholard import: 3 entries in papers-then-talks.md (2 certain, 0 likely, 1 manual)"),
            std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("\n# the change to papers-then-talks.md:\n--- a/papers-then-talks.md\n+++ "
                         "b/papers-then-talks.md\n@@ "),
            std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("\n+<!-- scholard:begin -->\n - [Nearly d-Linear"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("Research, 2023.\n \n+<!-- scholard:end -->\n ## Talks\n"), std::string::npos) << dry.out;
  EXPECT_EQ(now("papers-then-talks.md"), page) << "--diff alone writes nothing";
  EXPECT_FALSE(fs::exists(m_dir / "scholard.toml"));

  auto r = scholard({"import", "papers-then-talks.md", "--write"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string marked = now("papers-then-talks.md");
  EXPECT_EQ(unmarked(marked), page);
  const auto b = marked.find("<!-- scholard:begin -->\n- [Nearly d-Linear");
  const auto e = marked.find("Research, 2023.\n\n<!-- scholard:end -->\n## Talks\n");
  EXPECT_NE(b, std::string::npos) << marked;
  EXPECT_NE(e, std::string::npos) << marked;

  serve_config();
  ASSERT_FALSE(HasFatalFailure());
  auto sync = scholard({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  const std::string synced = now("papers-then-talks.md");
  EXPECT_EQ(outside_markers(synced), outside_markers(marked)) << synced;
  EXPECT_EQ(marked_entries(synced).size(), 3u) << synced;
  EXPECT_NE(synced.find("## Talks\n\n- [Diffusion models, a theory]"), std::string::npos);
}

}  // namespace
}  // namespace scholard::testing
