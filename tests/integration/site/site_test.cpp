// The example site end to end: `scholard sync` (the real binary, against the
// fake API server on the seed researcher's fixtures) writes into a copy of
// examples/site, its hook runs Debian's `jekyll build`, and the HTML that comes
// out is checked: every paper linked, the researcher in bold, no Markdown or
// Liquid left over, one page per paper; a second sync with nothing due must
// not wake the site generator.
//
// Jekyll is required: without it these tests fail (CI installs it with
// scripts/install-deps.sh), they do not skip.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

// The list as the page shows it after a sync of the seed fixtures: newest year
// first, config order within a year. 2407.15211 carries its arXiv v2 title.
const std::vector<std::string> k_titles = {
    "SHADE-Arena: Evaluating Sabotage and Monitoring in LLM Agents",
    "Reasoning Models Don't Always Say What They Think",
    "Inverse Scaling in Test-Time Compute",
    "Chain of Thought Monitorability: A New and Fragile Opportunity for AI Safety",
    "Teaching Models to Verbalize Reward Hacking in Chain-of-Thought Reasoning",
    "Constitutional Classifiers: Defending against Universal Jailbreaks across Thousands of Hours of Red Teaming",
    "Sabotage Evaluations for Frontier Models",
    "Failures to Find Transferable Image Jailbreaks Between Vision-Language Models",
    "Many-shot Jailbreaking",
    "From Denoising Diffusions to Denoising Markov Models",
    "Nearly d-Linear Convergence Bounds for Diffusion Models via Stochastic Localization",
    "Error Bounds for Flow Matching Methods",
    "Alpha-divergence Variational Inference Meets Importance Weighted Auto-Encoders: Methodology and Asymptotics",
    "Measuring Feature Sparsity in Language Models",
    "A Continuous Time Framework for Discrete Denoising Models",
    "Polysemanticity and Capacity in Neural Networks",
};

constexpr const char* k_begin = "<!-- scholard:begin -->";
constexpr const char* k_end = "<!-- scholard:end -->";

// The absolute path of `name` found in $PATH, if any.
std::optional<fs::path> find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// The text between the first `begin` and the following `end` ("" if absent).
std::string between(const std::string& text, const std::string& begin, const std::string& end) {
  const auto b = text.find(begin);
  if (b == std::string::npos) return "";
  const auto e = text.find(end, b + begin.size());
  if (e == std::string::npos) return "";
  return text.substr(b + begin.size(), e - b - begin.size());
}

// The contents of each <p>...</p> in `html`, in order. The last one may be
// open: the page has the end marker on the line after the last entry, so
// kramdown puts the marker inside that paragraph and `html` (cut at the
// marker) ends before its </p>.
std::vector<std::string> paragraphs(const std::string& html) {
  std::vector<std::string> out;
  for (auto at = html.find("<p>"); at != std::string::npos; at = html.find("<p>", at + 3)) {
    const auto end = html.find("</p>", at);
    out.push_back(html.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3));
  }
  return out;
}

// Decodes the character references kramdown and scholard write, and folds the
// typographic apostrophe kramdown's smart quotes make of "'" back to "'".
std::string html_to_text(std::string text) {
  const std::vector<std::pair<std::string, std::string>> refs = {
      {"&rsquo;", "'"}, {"\u2019", "'"}, {"&lsquo;", "'"}, {"&#39;", "'"},  {"&quot;", "\""},
      {"&ldquo;", "\""}, {"&rdquo;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
  for (const auto& [from, to] : refs) replace_all(text, from, to);
  return text;
}

// The value of `key:` in a generated file's front matter, without the quotes
// (scholard writes "..." strings; the values here hold no escaped quotes).
std::string front_matter(const std::string& file, const std::string& key) {
  std::istringstream lines(file);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(key + ": ", 0) != 0) continue;
    std::string value = line.substr(key.size() + 2);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return "";
}

long long mtime_ns(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

class Site : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto jekyll = find_program("jekyll");
    ASSERT_TRUE(jekyll) << "jekyll is not installed (not found in $PATH): the site test needs Debian's jekyll "
                           "package; run scripts/install-deps.sh as root, or apt-get install jekyll";
    SeedSiteOptions options;
    // Counts its runs, then builds the copy of the example site into ROOT/_site.
    // The hook runs in the config's folder (ROOT/config).
    options.hook = {"/bin/sh", "-c",
                    "echo run >> hook-runs.log && exec " + jekyll->string() +
                        " build --source ../examples/site --destination ../_site"};
    m_site = std::make_unique<SeedSite>(std::move(options));
    copy_example_site();
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
  }

  // The committed example site (layouts, includes, config, index, the page)
  // over SeedSite's copy of the page; generated and build folders are left out.
  void copy_example_site() {
    const fs::path from = fs::path(SCHOLARD_SOURCE_DIR) / "examples" / "site";
    const std::set<std::string> generated = {"_site", ".jekyll-cache", "_publications", "_bibliography", "_data"};
    for (const auto& entry : fs::directory_iterator(from)) {
      if (generated.count(entry.path().filename().string()) != 0) continue;
      fs::copy(entry.path(), m_site->site() / entry.path().filename(),
               fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
  }

  // Runs `scholard sync`, which must succeed and run the hook once.
  void first_sync() {
    auto r = m_site->scholard({"sync"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_EQ(hook_runs(), 1) << r.out << r.err;
    ASSERT_TRUE(fs::exists(research_html())) << "jekyll built no research page\n" << r.out << r.err;
  }

  int hook_runs() const {
    const std::string log = slurp_file(m_site->root() / "config" / "hook-runs.log");
    return static_cast<int>(std::count(log.begin(), log.end(), '\n'));
  }
  fs::path built() const { return m_site->root() / "_site"; }
  fs::path research_html() const { return built() / "research" / "index.html"; }

  std::unique_ptr<SeedSite> m_site;
};

TEST_F(Site, ResearchPageListsEveryPaperAsHtml) {
  ASSERT_NO_FATAL_FAILURE(first_sync());
  const std::string page = slurp_file(research_html());
  EXPECT_EQ(page.find("{{"), std::string::npos) << "Liquid output tag left in the page";
  EXPECT_EQ(page.find("{%"), std::string::npos) << "Liquid tag left in the page";
  EXPECT_NE(page.find("<h2 id=\"projects\">Projects</h2>"), std::string::npos) << "the page's own text is rendered";

  const std::string list = between(page, k_begin, k_end);
  ASSERT_FALSE(list.empty()) << "no marked block in the built page:\n" << page;
  for (const char* raw : {"**", "](http", "_arXiv preprint", "\\*", "{{", "{%"}) {
    EXPECT_EQ(list.find(raw), std::string::npos) << "raw \"" << raw << "\" in the HTML list:\n" << list;
  }
  const auto entries = paragraphs(list);
  ASSERT_EQ(entries.size(), k_titles.size()) << list;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string& entry = entries[i];
    ASSERT_EQ(entry.rfind("<a href=\"http", 0), 0u) << "entry " << i << " does not start with its link: " << entry;
    const auto open_end = entry.find("\">");
    const auto close = entry.find("</a>");
    ASSERT_TRUE(open_end != std::string::npos && close != std::string::npos && open_end < close) << entry;
    EXPECT_EQ(html_to_text(entry.substr(open_end + 2, close - open_end - 2)), k_titles[i]) << entry;
    EXPECT_NE(entry.find("<strong>Joe Benton</strong>"), std::string::npos) << "not highlighted: " << entry;
    EXPECT_NE(entry.find("<em>"), std::string::npos) << "venue not in italics: " << entry;
  }
  // The equal-contribution marks become plain asterisks after the names.
  EXPECT_NE(list.find("<strong>Joe Benton</strong>*, Yuyang Shi*"), std::string::npos) << list;
}

TEST_F(Site, EveryPublicationGetsItsOwnPageAndAnIndexEntry) {
  ASSERT_NO_FATAL_FAILURE(first_sync());
  const std::string index = slurp_file(built() / "index.html");
  EXPECT_EQ(index.find("{{"), std::string::npos);
  EXPECT_EQ(index.find("{%"), std::string::npos);
  int files = 0;
  for (const auto& entry : fs::directory_iterator(m_site->site() / "_publications")) {
    ++files;
    const std::string source = slurp_file(entry.path());
    const std::string stem = entry.path().stem().string();
    const std::string title = front_matter(source, "title");
    const std::string permalink = front_matter(source, "permalink");
    ASSERT_FALSE(title.empty()) << source;
    EXPECT_EQ(permalink, "/publication/" + stem);
    // Jekyll writes a permalink without an extension as NAME.html.
    const fs::path html_path = built() / "publication" / (stem + ".html");
    ASSERT_TRUE(fs::exists(html_path)) << html_path;
    const std::string html = slurp_file(html_path);
    EXPECT_NE(html.find("<h1 class=\"page-title\">" + title + "</h1>"), std::string::npos) << html;
    EXPECT_NE(html.find("Recommended citation: " + front_matter(source, "citation")), std::string::npos) << html;
    EXPECT_NE(html.find("<strong>Joe Benton</strong>"), std::string::npos) << html;
    EXPECT_EQ(html.find("](http"), std::string::npos) << html;
    EXPECT_EQ(html.find("{{"), std::string::npos) << html;
    EXPECT_NE(index.find("<a href=\"" + permalink + "\">" + title + "</a>"), std::string::npos)
        << permalink << " not linked from the index";
  }
  EXPECT_EQ(files, static_cast<int>(k_titles.size()));
}

TEST_F(Site, SecondSyncWithNothingDueDoesNotRebuildTheSite) {
  ASSERT_NO_FATAL_FAILURE(first_sync());
  const long long built_at = mtime_ns(research_html());
  ASSERT_GT(built_at, 0);
  ASSERT_TRUE(m_site->server()->reset());
  // A rebuild would give the page a later mtime even on a coarse clock.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));

  auto again = m_site->scholard({"sync"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("outputs unchanged"), std::string::npos) << again.out;
  EXPECT_EQ(hook_runs(), 1) << "the hook ran although no output changed\n" << again.out << again.err;
  EXPECT_EQ(mtime_ns(research_html()), built_at) << "the site was rebuilt";
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->arxiv.requests, 0);
  EXPECT_EQ(stats->crossref.requests, 0);
}

}  // namespace
}  // namespace scholard::testing
