// `scholard import`, `add` and `remove` as a user runs them: the real binary
// on temporary copies of the seed pages, a real BibTeX file and the example
// config. Checks exit statuses, messages, and the bytes of every file.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "support/run_command.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

const std::string k_bin = SCHOLARD_BIN;
const std::string k_data = SCHOLARD_TEST_DATA;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

class ImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("scholard-import-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
    for (const char* f : {"research-2024.md", "research-2025.md", "publications.bib"}) {
      fs::copy_file(k_data + "/import/" + f, m_dir / f);
    }
    fs::copy_file(std::string(SCHOLARD_SOURCE_DIR) + "/config/scholard.example.toml", m_dir / "example.toml");
  }
  void TearDown() override { fs::remove_all(m_dir); }

  CommandResult scholard(std::vector<std::string> args, const std::string& config = "scholard.toml") {
    // These configs name the real arXiv and Crossref: import must not ask them
    // (the comparison with the sources is tested against the fake API server
    // in tests/integration/sync/import_keeps_page_test.cpp).
    if (!args.empty() && args.front() == "import") args.emplace_back("--offline");
    args.insert(args.begin(), {k_bin, "--config", (m_dir / config).string()});
    return run_command(args, {{"HOME", m_dir.string()}, {"SCHOLARD_CONFIG", ""}}, m_dir.string());
  }

  core::Result<config::Config> parsed(const std::string& name) {
    config::Environment env;
    env.variables = {{"HOME", m_dir.string()}};
    env.cwd = m_dir;
    return config::load_config(m_dir / name, env);
  }

  fs::path m_dir;
};

TEST_F(ImportCli, WithoutWriteNothingIsWritten) {
  auto r = scholard({"import", "research-2025.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# scholard import: 16 entries in research-2025.md (12 certain, 1 likely, 3 manual)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("# research-2025.md:42, likely: arXiv id in the venue text\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# research-2025.md:48, manual entry: no arXiv or DOI link (blog post)\n"), std::string::npos);
  EXPECT_NE(r.out.find("nothing written"), std::string::npos);
  EXPECT_FALSE(fs::exists(m_dir / "scholard.toml"));
  EXPECT_EQ(slurp(m_dir / "research-2025.md"), slurp(k_data + "/import/research-2025.md"));
}

TEST_F(ImportCli, WriteMarksThePageAndCreatesAConfigThatParses) {
  const std::string page = slurp(m_dir / "research-2025.md");
  auto r = scholard({"import", "research-2025.md", "--write"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto cfg = parsed("scholard.toml");
  ASSERT_TRUE(cfg) << cfg.error().message;
  ASSERT_EQ(cfg->papers.size(), 16u);
  EXPECT_EQ(cfg->profile.name, "Joe Benton");
  ASSERT_EQ(cfg->outputs.size(), 1u);
  EXPECT_EQ(cfg->outputs[0].path, m_dir / "research-2025.md");
  EXPECT_EQ(cfg->papers[3].max_authors, 14);
  EXPECT_TRUE(cfg->papers[8].is_manual());
  EXPECT_EQ(cfg->papers[9].doi->value, "10.1093/jrsssb/qkae005");
  // The page is named by its absolute path, so the config can move.
  EXPECT_NE(slurp(m_dir / "scholard.toml").find("= \"" + (m_dir / "research-2025.md").string() + "\""),
            std::string::npos);
  fs::create_directories(m_dir / "moved");
  fs::copy_file(m_dir / "scholard.toml", m_dir / "moved" / "scholard.toml");
  auto moved = parsed("moved/scholard.toml");
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_EQ(moved->outputs.size(), 1u);
  EXPECT_EQ(moved->outputs[0].path, m_dir / "research-2025.md");

  const std::string marked = slurp(m_dir / "research-2025.md");
  const std::string begin = "## Publications\n\n<!-- scholard:begin -->\n[SHADE-Arena";
  EXPECT_NE(marked.find(begin), std::string::npos);
  EXPECT_NE(marked.find("arXiv:2210.01892_, 2022.\n\n<!-- scholard:end -->\n<!-- ## Talks"), std::string::npos);
  std::string unmarked = marked;
  unmarked.erase(unmarked.find("<!-- scholard:begin -->\n"), 24);
  unmarked.erase(unmarked.find("<!-- scholard:end -->\n"), 22);
  EXPECT_EQ(unmarked, page);

  // `scholard check` agrees the page and the config fit together.
  auto check = scholard({"check"});
  EXPECT_NE(check.out.find("markers at lines"), std::string::npos) << check.out << check.err;

  // A second run adds nothing and touches nothing.
  const std::string config_text = slurp(m_dir / "scholard.toml");
  const auto config_mtime = fs::last_write_time(m_dir / "scholard.toml");
  const auto page_mtime = fs::last_write_time(m_dir / "research-2025.md");
  auto again = scholard({"import", "research-2025.md", "--write"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("16 already in"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("# skipped research-2025.md:33 (arXiv:2506.15740"), std::string::npos) << again.out;
  EXPECT_EQ(slurp(m_dir / "scholard.toml"), config_text);
  EXPECT_EQ(slurp(m_dir / "research-2025.md"), marked);
  EXPECT_EQ(fs::last_write_time(m_dir / "scholard.toml"), config_mtime);
  EXPECT_EQ(fs::last_write_time(m_dir / "research-2025.md"), page_mtime);
}

TEST_F(ImportCli, TheOtherPageAndABibFileAddOnlyWhatIsNew) {
  ASSERT_EQ(scholard({"import", "research-2025.md", "--write"}).exit_code, 0);
  const std::string before = slurp(m_dir / "scholard.toml");
  auto r = scholard({"import", "research-2024.md", "--write"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Every paper of the older page is on the newer one (Many-shot Jailbreaking by its title).
  EXPECT_NE(r.out.find("8 already in"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(m_dir / "scholard.toml"), before);
  auto bib = scholard({"import", "publications.bib", "--write"});
  ASSERT_EQ(bib.exit_code, 0) << bib.err;
  auto cfg = parsed("scholard.toml");
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->papers.size(), 16u + 20u);
  const std::string after = slurp(m_dir / "scholard.toml");
  EXPECT_EQ(after.substr(0, before.size()), before) << "existing bytes are kept";
  EXPECT_NE(after.find("# publications.bib:112, certain: eprint field\n"), std::string::npos);
}

TEST_F(ImportCli, MalformedBibtexIsRefusedWithTheLine) {
  spit(m_dir / "bad.bib", "@article{a,\n  title = {T}\n  year = 2020\n}\n");
  auto r = scholard({"import", "bad.bib"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.bib:2: missing comma after field `title`"), std::string::npos) << r.err;
}

TEST_F(ImportCli, AddAndRemoveKeepEveryOtherByte) {
  const std::string original = slurp(m_dir / "example.toml");
  auto add = scholard({"add", "https://arxiv.org/abs/2401.00001v2", "--venue", "ICML", "--year", "2024"}, "example.toml");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string added = slurp(m_dir / "example.toml");
  EXPECT_EQ(added, original + "\n[[paper]]\narxiv = \"2401.00001v2\"\nvenue = \"ICML\"\nyear = 2024\n");
  ASSERT_TRUE(parsed("example.toml"));

  auto dup = scholard({"add", "arXiv:2308.03686"}, "example.toml");
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_NE(dup.err.find("arXiv:2308.03686 is already listed at " + (m_dir / "example.toml").string() + ":"),
            std::string::npos)
      << dup.err;
  auto bad = scholard({"add", "2308.0368"}, "example.toml");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid id \"2308.0368\": '2308.0368' is not a valid arXiv id"), std::string::npos) << bad.err;
  EXPECT_EQ(slurp(m_dir / "example.toml"), added);

  auto rm = scholard({"remove", "2401.00001"}, "example.toml");
  ASSERT_EQ(rm.exit_code, 0) << rm.err;
  EXPECT_EQ(slurp(m_dir / "example.toml"), original);

  auto missing = scholard({"remove", "2401.00001"}, "example.toml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("arXiv:2401.00001 is not listed"), std::string::npos) << missing.err;

  // A paper with comments above and among its keys goes with all of them.
  auto jrssb = scholard({"remove", "doi:10.1093/JRSSSB/qkae005"}, "example.toml");
  ASSERT_EQ(jrssb.exit_code, 0) << jrssb.err;
  const std::string cut = slurp(m_dir / "example.toml");
  EXPECT_EQ(cut.find("From Denoising Diffusions"), std::string::npos);
  EXPECT_EQ(cut.find("academic.oup.com"), std::string::npos);
  auto cfg = parsed("example.toml");
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->papers.size(), 15u);
  const std::size_t at = original.find("[[paper]]\n# From Denoising");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(cut.substr(0, at), original.substr(0, at));
}

TEST_F(ImportCli, AnEditThatWouldNotParseWritesNothing) {
  // `paper = []` parses, but a [[paper]] appended after it would redefine the array.
  const std::string text = "paper = []\n[profile]\nname = \"J\"\ncontact = \"j@example.org\"\n[[output]]\n"
                           "format = \"markdown\"\npath = \"r.md\"\n";
  spit(m_dir / "c.toml", text);
  auto r = scholard({"add", "2308.03686"}, "c.toml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("would not parse after adding arXiv:2308.03686; nothing written"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c.toml:9:1:"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(m_dir / "c.toml"), text);
  auto bad_year = scholard({"add", "2308.03687", "--year", "99"}, "c.toml");
  EXPECT_EQ(bad_year.exit_code, 2) << "out of range for a year";
  EXPECT_EQ(slurp(m_dir / "c.toml"), text);
}

}  // namespace
}  // namespace scholard::testing

namespace scholard::testing {
namespace {

// `add --after/--before`: the new table lands next to the named paper, every
// other byte kept; an anchor that is not listed is refused, nothing written.
TEST_F(ImportCli, AddAfterAndBeforeAPaper) {
  const std::string original = slurp(m_dir / "example.toml");
  auto after = scholard({"add", "2401.00001", "--after", "arXiv:2308.03686"}, "example.toml");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  const std::string placed = slurp(m_dir / "example.toml");
  const std::string anchor = "arxiv = \"2308.03686\"\nvenue = \"International Conference on Learning Representations\"\nyear  = 2024\n";
  const std::size_t at = original.find(anchor);
  ASSERT_NE(at, std::string::npos);
  const std::size_t cut = at + anchor.size();
  EXPECT_EQ(placed, original.substr(0, cut) + "\n[[paper]]\narxiv = \"2401.00001\"\n" + original.substr(cut));
  auto cfg = parsed("example.toml");
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_NE(after.out.find(":" + std::to_string(cfg->papers[11].line) + "\n"), std::string::npos) << after.out;
  EXPECT_EQ(cfg->papers[11].key(), "2401.00001");

  auto before = scholard({"add", "2401.00002", "--key", "first2025", "--before", "2506.15740"}, "example.toml");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  cfg = parsed("example.toml");
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->papers[0].key(), "2401.00002");
  EXPECT_EQ(cfg->papers[0].citation_key, "first2025");

  const std::string now = slurp(m_dir / "example.toml");
  auto missing = scholard({"add", "2401.00003", "--after", "2401.99999"}, "example.toml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--after 2401.99999: no listed paper has that arXiv id, DOI or key"), std::string::npos)
      << missing.err;
  auto both = scholard({"add", "2401.00003", "--after", "2308.03686", "--before", "2308.03686"}, "example.toml");
  EXPECT_NE(both.exit_code, 0);
  EXPECT_EQ(slurp(m_dir / "example.toml"), now);
}

}  // namespace
}  // namespace scholard::testing
