// Hostile metadata end to end: the fake API server serves the seed fixtures
// with the titles and author names of tests/data/security/{arxiv,crossref}
// (path traversal, absolute paths, NUL, <script>, Liquid tags, javascript:
// links, Markdown table/heading syntax). After a sync:
//   - every file scholard wrote is inside its configured output folder, and
//     academicpages names are plain [a-z0-9-] slugs;
//   - the Markdown page, the academicpages files and the JSON carry none of
//     it as live HTML, Liquid or Markdown link structure.
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

const fs::path k_data = fs::path(SCHOLARD_TEST_DATA) / "security";
const fs::path k_escape_target = fs::temp_directory_path() / "scholard-pwned";

class HostileMetadata : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(k_escape_target);
    // Without the config's title pin, Crossref's hostile title is the one shown.
    m_site = std::make_unique<SeedSite>(SeedSiteOptions{
        "150ms", "100ms", {}, {}, {{"title = \"From Denoising Diffusions to Denoising Markov Models\"", ""}}});
    for (const char* dir : {"arxiv", "crossref"}) {
      for (const auto& f : fs::directory_iterator(k_data / dir)) {
        fs::copy_file(f.path(), m_site->fixtures() / dir / f.path().filename(), fs::copy_options::overwrite_existing);
      }
    }
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    m_sync = m_site->scholard({"sync"});
    ASSERT_EQ(m_sync.exit_code, 0) << m_sync.out << m_sync.err;
  }
  void TearDown() override { fs::remove_all(k_escape_target); }

  std::unique_ptr<SeedSite> m_site;
  CommandResult m_sync;
};

TEST_F(HostileMetadata, EveryFileStaysInsideItsConfiguredFolder) {
  EXPECT_FALSE(fs::exists(k_escape_target));
  EXPECT_FALSE(fs::exists("/etc/passwd.md"));
  const std::set<std::string> allowed = {"_pages/research.md", "_bibliography/papers.bib", "_data/publications.json"};
  const std::regex slug(R"(_publications/(\d{4}-\d{2}-\d{2}|undated)-[a-z0-9-]+\.md)");
  int publications = 0;
  for (const auto& e : fs::recursive_directory_iterator(m_site->site())) {
    if (!e.is_regular_file() && !e.is_symlink()) continue;
    EXPECT_FALSE(e.is_symlink()) << e.path();
    const std::string rel = fs::relative(e.path(), m_site->site()).string();
    if (allowed.count(rel) != 0) continue;
    EXPECT_TRUE(std::regex_match(rel, slug)) << "unexpected file " << rel;
    ++publications;
  }
  EXPECT_EQ(publications, 16);
  // Nothing beside the site, config, store and fixtures either.
  for (const auto& e : fs::directory_iterator(m_site->root())) {
    const std::string name = e.path().filename().string();
    EXPECT_TRUE(name == "config" || name == "examples" || name == "fixtures" || name == "var") << name;
  }
}

// Text that must never appear live in a page Jekyll renders. A Markdown link
// can only be closed by an unescaped `](`; `\](javascript:` is text.
void expect_inert_markup(const std::string& text, const std::string& what) {
  for (const char* bad : {"<script", "<img", "{{", "{%", "href=\"javascript"}) {
    EXPECT_EQ(text.find(bad), std::string::npos) << what << " contains " << bad << ":\n" << text;
  }
  for (auto at = text.find("](javascript:"); at != std::string::npos; at = text.find("](javascript:", at + 1)) {
    EXPECT_TRUE(at > 0 && text[at - 1] == '\\') << what << ": a live javascript: link at " << at << ":\n" << text;
  }
  EXPECT_EQ(text.find('\0'), std::string::npos) << what;
}

TEST_F(HostileMetadata, PageEntriesAreInertAndStayOneLineEach) {
  const std::string page = slurp_file(m_site->page());
  const auto entries = marked_entries(page);
  ASSERT_EQ(entries.size(), 16u);  // no title or name broke an entry into lines
  std::string block;
  for (const auto& e : entries) {
    EXPECT_NE(e.front(), '#') << "an entry became a heading: " << e;
    EXPECT_NE(e.front(), '|') << "an entry became a table row: " << e;
    block += e + "\n";
  }
  expect_inert_markup(block, "the marked block");
  // The hostile text is still shown, escaped, not dropped.
  EXPECT_NE(block.find("&lt;script&gt;"), std::string::npos) << block;
  EXPECT_NE(block.find("&#123;&#123; site.x &#125;&#125;"), std::string::npos) << block;
}

TEST_F(HostileMetadata, AcademicpagesFilesAreInert) {
  int files = 0;
  for (const auto& e : fs::directory_iterator(m_site->site() / "_publications")) {
    const std::string text = slurp_file(e.path());
    const std::string name = e.path().filename().string();
    // Front matter: YAML strings the theme prints as HTML (so no tag or
    // Liquid may survive), every line a known key: no key smuggled in.
    ASSERT_EQ(text.rfind("---\n", 0), 0u) << text;
    const auto end = text.find("\n---\n", 4);
    ASSERT_NE(end, std::string::npos) << text;
    const std::string front = text.substr(4, end - 4);
    for (const char* bad : {"<script", "<img", "{{", "{%"}) {
      EXPECT_EQ(front.find(bad), std::string::npos) << name << " front matter contains " << bad << ":\n" << front;
    }
    const std::regex line_shape(R"((# scholard:generated .*|[a-z_]+: .*))");
    std::istringstream lines(front);
    for (std::string line; std::getline(lines, line);) {
      EXPECT_TRUE(std::regex_match(line, line_shape)) << name << ": odd front matter line: " << line;
    }
    expect_inert_markup(text.substr(end + 5), name + " body");
    ++files;
  }
  EXPECT_EQ(files, 16);
}

TEST_F(HostileMetadata, JsonAndBibtexStayWellFormed) {
  const std::string json = slurp_file(m_site->site() / "_data" / "publications.json");
  EXPECT_EQ(json.find('\0'), std::string::npos);
  const std::string bib = slurp_file(m_site->site() / "_bibliography" / "papers.bib");
  EXPECT_EQ(bib.find('\0'), std::string::npos);
  // Braces balance, so no title closes its field early and opens another.
  int depth = 0;
  for (std::size_t i = 0; i < bib.size(); ++i) {
    if (bib[i] == '\\') {
      ++i;
      continue;
    }
    depth += bib[i] == '{' ? 1 : bib[i] == '}' ? -1 : 0;
    ASSERT_GE(depth, 0) << bib.substr(0, i + 1);
  }
  EXPECT_EQ(depth, 0);
}

}  // namespace
}  // namespace scholard::testing
