// `scholard init [DIR]` on copies of examples/site (academicpages, the page
// already marked), of the same site before scholard (no markers), an al-folio
// folder and an empty one: what it finds, what it writes (absolute paths, a
// [store] path), what it refuses, and that the config it writes still works
// after being moved.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tiny_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class Init : public ::testing::Test {
 protected:
  Init() : m_dir("init"), m_site(m_dir.path() / "site") {
    fs::copy(fs::path(SCHOLARD_SOURCE_DIR) / "examples" / "site", m_site, fs::copy_options::recursive);
  }
  // scholard ARGS..., run from the scratch folder.
  CommandResult scholard(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{SCHOLARD_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto env = isolated_env(m_dir.path() / "home");
    const std::string cwd = m_dir.path().string();
    CommandResult r = run_command(argv, env, cwd);
    return r;
  }
  ScratchDir m_dir;
  fs::path m_site;
};

TEST_F(Init, WritesAStarterConfigForTheExampleSiteWithAbsolutePaths) {
  const std::string page_before = slurp(m_site / "_pages" / "research.md");
  auto r = scholard({"init", "site", "--offline"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("found academicpages page _pages/research.md"));
  const std::string config = slurp(m_site / "scholard.toml");
  EXPECT_THAT(config, HasSubstr("name    = \"Joe Benton\""));
  EXPECT_THAT(config, HasSubstr("path          = \"" + (m_site / "_pages" / "research.md").string() + "\""));
  const fs::path state = m_dir.path() / "home" / ".local" / "state" / "scholard";
  EXPECT_THAT(config, HasSubstr("[store]\npath = \"" + state.string()));
  EXPECT_THAT(config, HasSubstr("arxiv = \"2506.15740\""));
  EXPECT_EQ(count(config, "[[paper]]"), 16u) << config;  // every entry of the page
  // The page was marked already: import leaves it as it was.
  EXPECT_EQ(slurp(m_site / "_pages" / "research.md"), page_before);

  // The config moves and still finds the site and its store.
  fs::create_directories(m_dir.path() / "elsewhere");
  fs::rename(m_site / "scholard.toml", m_dir.path() / "elsewhere" / "scholard.toml");
  auto check = scholard({"--config", (m_dir.path() / "elsewhere" / "scholard.toml").string(), "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(check.out + check.err, HasSubstr((m_site / "_pages" / "research.md").string()));
}

TEST_F(Init, NeverReplacesAConfigWithoutForce) {
  std::ofstream(m_site / "scholard.toml") << "# mine\n";
  auto r = scholard({"init", "site", "--offline"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("exists; nothing written (--force replaces it)"));
  EXPECT_EQ(slurp(m_site / "scholard.toml"), "# mine\n");

  auto forced = scholard({"init", "site", "--offline", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  EXPECT_THAT(slurp(m_site / "scholard.toml"), HasSubstr("[[paper]]"));
}

TEST_F(Init, MarksTheListOfAPageScholardHasNotSeenYet) {
  std::string page = slurp(m_site / "_pages" / "research.md");
  for (const std::string marker : {"<!-- scholard:begin -->\n", "<!-- scholard:end -->\n"}) {
    page.erase(page.find(marker), marker.size());
  }
  fs::remove(m_site / "_pages" / "research.md");
  std::ofstream(m_site / "_pages" / "publications.md") << page;
  std::ofstream(m_site / "_pages" / "about.md") << "# About\n\nNo papers here.\n";

  auto r = scholard({"init", "site", "--offline", "--relative"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("found academicpages page _pages/publications.md"));
  const std::string marked = slurp(m_site / "_pages" / "publications.md");
  EXPECT_EQ(count(marked, "<!-- scholard:begin -->"), 1u);
  EXPECT_EQ(count(marked, "<!-- scholard:end -->"), 1u);
  const std::string config = slurp(m_site / "scholard.toml");
  EXPECT_THAT(config, HasSubstr("path          = \"_pages/publications.md\""));
  EXPECT_THAT(config, HasSubstr("[store]\npath = \"../home/.local/state/scholard/site-"));
  EXPECT_THAT(config, Not(HasSubstr("path = \"/")));
}

TEST_F(Init, ImportsAnAlFolioBibliography) {
  const fs::path alfolio = m_dir.path() / "alfolio";
  fs::create_directories(alfolio / "_bibliography");
  fs::copy_file(fs::path(SCHOLARD_TEST_DATA) / "import" / "publications.bib", alfolio / "_bibliography" / "papers.bib");
  auto r = scholard({"init", alfolio.string(), "--offline"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("al-folio bibliography"));
  const std::string config = slurp(alfolio / "scholard.toml");
  EXPECT_THAT(config, HasSubstr("format        = \"bibtex\""));
  EXPECT_THAT(config, HasSubstr("[[paper]]"));
}

TEST_F(Init, RefusesAFolderWithNoPublicationListAndWritesNothing) {
  const fs::path empty = m_dir.path() / "empty";
  fs::create_directories(empty);
  auto r = scholard({"init", empty.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no publication list found"));
  EXPECT_FALSE(fs::exists(empty / "scholard.toml"));
}

}  // namespace
}  // namespace scholard::testing
