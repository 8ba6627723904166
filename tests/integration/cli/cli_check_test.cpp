// The command line as a user meets it: --help, --version, exit statuses and
// `scholard check` on good and bad configurations.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "support/run_command.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

const std::string k_bin = SCHOLARD_BIN;
const std::string k_data = SCHOLARD_TEST_DATA;
const std::string k_src = SCHOLARD_SOURCE_DIR;

CommandResult scholard(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), k_bin);
  return run_command(args, env);
}

TEST(Cli, HelpListsOnlyWorkingCommandsAndExitStatuses) {
  auto r = scholard({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("check"), std::string::npos);
  EXPECT_NE(r.out.find("--config"), std::string::npos);
  EXPECT_NE(r.out.find("Exit status"), std::string::npos);
}

TEST(Cli, VersionPrintsTheVersion) {
  auto r = scholard({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("scholard " SCHOLARD_VERSION), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(scholard({}).exit_code, 2);
  EXPECT_EQ(scholard({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(scholard({"--log-level", "loud", "check"}).exit_code, 2);
}

TEST(Cli, CheckAcceptsTheExampleConfig) {
  auto r = scholard({"--config", k_src + "/config/scholard.example.toml", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("papers: 16"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("markers at lines"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check: ok"), std::string::npos) << r.out;
}

struct BadConfig {
  const char* file;
  const char* expect;  // a substring of the message, with the line
};

class CheckRejects : public ::testing::TestWithParam<BadConfig> {};

TEST_P(CheckRejects, WithExitTwoAndTheLine) {
  const auto& c = GetParam();
  auto r = scholard({"--config", k_data + "/config/" + c.file, "check"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Configs, CheckRejects,
    ::testing::Values(BadConfig{"typo-key.toml", "typo-key.toml:10: key `sources.arxiv.min_intervall`: unknown key; did you mean `min_interval`?"},
                      BadConfig{"wrong-type.toml", "wrong-type.toml:10: key `sources.arxiv.min_interval`: expected a string"},
                      BadConfig{"bad-duration.toml", "bad-duration.toml:10: key `schedule.refresh`: \"3 seconds\" is not a duration"},
                      BadConfig{"duplicate-paper.toml", "duplicate-paper.toml:20: key `paper[3]`: line 20 repeats arXiv 2308.03686 already listed at line 13"},
                      BadConfig{"syntax-error.toml", "syntax-error.toml:4:31: syntax error: missing closing quote: the string runs to the end of the line"},
                      BadConfig{"duplicate-key.toml", "duplicate-key.toml:6:11: syntax error: key `contact` is defined twice; first defined at line 4"},
                      BadConfig{"duplicate-table.toml", "duplicate-table.toml:9:1: syntax error: table [sources.arxiv] is defined twice; first defined at line 6"}));

class CheckSite : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("scholard-cli-" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "site");
  }
  void TearDown() override { fs::remove_all(m_dir); }
  void write(const fs::path& p, const std::string& text) { std::ofstream(m_dir / p) << text; }
  fs::path m_dir;
};

const char* k_config =
    "[profile]\nname = \"Joe Benton\"\ncontact = \"someone@example.org\"\n"
    "[store]\npath = \"state/scholard.db\"\n"
    "[[output]]\nformat = \"markdown\"\npath = \"site/research.md\"\n"
    "[[paper]]\narxiv = \"2308.03686\"\n";

TEST_F(CheckSite, PageWithoutMarkersIsAConfigurationError) {
  write("scholard.toml", k_config);
  write("site/research.md", "# Research\n\n- a paper\n");
  auto r = scholard({"--config", (m_dir / "scholard.toml").string(), "check"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("no `<!-- scholard:begin -->` marker"), std::string::npos) << r.out;
}

TEST_F(CheckSite, MissingPageIsReported) {
  write("scholard.toml", k_config);
  auto r = scholard({"--config", (m_dir / "scholard.toml").string(), "check"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("research.md: no such file"), std::string::npos) << r.out;
}

TEST_F(CheckSite, ConfigFoundThroughEnvironment) {
  write("scholard.toml", k_config);
  write("site/research.md", "x\n<!-- scholard:begin -->\n<!-- scholard:end -->\n");
  auto r = scholard({"check"}, {{"SCHOLARD_CONFIG", (m_dir / "scholard.toml").string()}});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("markers at lines 2-3"), std::string::npos) << r.out;
}

TEST_F(CheckSite, NoConfigAnywhereSaysWhereItLooked) {
  auto r = run_command({k_bin, "check"},
                       {{"SCHOLARD_CONFIG", ""}, {"XDG_CONFIG_HOME", (m_dir / "xdg").string()}, {"HOME", m_dir.string()}},
                       m_dir.string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("scholard.toml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace scholard::testing
