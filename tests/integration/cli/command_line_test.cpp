// The command line as a new user meets it, run through the real binary: a
// bare `scholard`, `help [COMMAND]`, `version`, typo suggestions for
// commands and options, one error format, the config found by walking up
// from the current folder or given as a folder, plurals, colour (on a
// pseudo-terminal, with NO_COLOR and --color) and the JSON version key.
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/run_command.hpp"
#include "tiny_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

const std::string k_bin = SCHOLARD_BIN;
const std::string k_red_prefix = "\033[1;31mscholard:\033[0m ";
const std::string k_green_ok = "\033[32mok\033[0m";

CommandResult scholard(std::vector<std::string> args, const std::map<std::string, std::string>& env = {},
                       const std::string& cwd = "") {
  args.insert(args.begin(), k_bin);
  return run_command(args, env, cwd);
}

// Runs `args` with stdout and stderr on one pseudo-terminal, as in an
// interactive shell, and returns all it wrote there.
std::string scholard_on_terminal(std::vector<std::string> args, const std::map<std::string, std::string>& env) {
  args.insert(args.begin(), k_bin);
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return "forkpty failed";
  if (pid == 0) exec_in_child(args, env);
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) break;
    const ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited and closed the terminal
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return out;
}

TEST(CommandLine, BareScholardPrintsTheUsageAndExitsTwo) {
  auto r = scholard({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("Usage: scholard"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sync"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scholard help COMMAND"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(CommandLine, HelpIsTheSameAsDashDashHelp) {
  auto help = scholard({"help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_EQ(help.out, scholard({"--help"}).out);
  EXPECT_NE(help.out.find("version"), std::string::npos);
  EXPECT_NE(help.out.find("--color"), std::string::npos);
}

TEST(CommandLine, HelpCommandIsTheSameAsCommandDashDashHelp) {
  for (const std::string command : {"sync", "check", "pending"}) {
    auto help = scholard({"help", command});
    EXPECT_EQ(help.exit_code, 0) << help.err;
    EXPECT_EQ(help.out, scholard({command, "--help"}).out) << command;
    EXPECT_NE(help.out.find("Usage: scholard " + command), std::string::npos) << help.out;
  }
  EXPECT_NE(scholard({"help", "sync"}).out.find("--dry-run"), std::string::npos);
}

TEST(CommandLine, HelpOfAnUnknownCommandSuggestsTheNearestOne) {
  auto r = scholard({"help", "snyc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "scholard: unknown command 'snyc'; did you mean 'sync'?\n");
}

TEST(CommandLine, VersionIsTheSameAsDashDashVersion) {
  auto r = scholard({"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "scholard " SCHOLARD_VERSION "\n");
  EXPECT_EQ(r.out, scholard({"--version"}).out);
}

TEST(CommandLine, AMistypedCommandGetsASuggestion) {
  auto r = scholard({"snyc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "scholard: unknown command 'snyc'; did you mean 'sync'?\n");
  auto lst = scholard({"lsit"});
  EXPECT_EQ(lst.err, "scholard: unknown command 'lsit'; did you mean 'list'?\n");
  // Nothing close: no guess, a pointer to the list instead.
  auto far = scholard({"frobnicate"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err, "scholard: unknown command 'frobnicate'; see 'scholard help'\n");
}

TEST(CommandLine, AMistypedOptionGetsASuggestion) {
  auto r = scholard({"sync", "--dryrun"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "scholard: unknown option '--dryrun' for 'sync'; did you mean '--dry-run'?\n");
  auto with_value = scholard({"sync", "--dryrun=yes"});
  EXPECT_EQ(with_value.err, "scholard: unknown option '--dryrun' for 'sync'; did you mean '--dry-run'?\n");
  // A global option is suggested too, before or after the command.
  auto global = scholard({"--confg", "x.toml", "check"});
  EXPECT_EQ(global.exit_code, 2);
  EXPECT_EQ(global.err.rfind("scholard: unknown option '--confg'", 0), 0U) << global.err;
  EXPECT_NE(global.err.find("; did you mean '--config'?"), std::string::npos) << global.err;
  auto after = scholard({"check", "--quite"});
  EXPECT_EQ(after.err, "scholard: unknown option '--quite' for 'check'; did you mean '--quiet'?\n");
}

TEST(CommandLine, EveryUsageErrorHasTheOneFormat) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--log-level", "loud", "check"}, {"--color", "sometimes", "check"}, {"show"}, {"check", "extra"}}) {
    auto r = scholard(args);
    EXPECT_EQ(r.exit_code, 2) << args.front();
    EXPECT_EQ(r.err.rfind("scholard: ", 0), 0U) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  }
  EXPECT_EQ(scholard({"check", "extra"}).err, "scholard: unexpected argument 'extra' for 'check'; see 'scholard help check'\n");
}

class CommandLineSite : public ::testing::Test {
 protected:
  ScratchDir m_scratch{"cmdline"};
  fs::path m_home = m_scratch.path() / "home";
  TinySite m_site{m_scratch.path() / "site", m_home, {}};

  std::map<std::string, std::string> env() const { return isolated_env(m_home); }
};

TEST_F(CommandLineSite, TheConfigIsFoundByWalkingUpFromTheCurrentFolder) {
  const fs::path deep = m_scratch.path() / "site" / "_pages" / "deeper";
  fs::create_directories(deep);
  auto r = scholard({"check"}, env(), deep.string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // check names the file it used, on its first line.
  EXPECT_EQ(r.out.rfind("config: " + m_site.config().string() + "\n", 0), 0U) << r.out;
}

TEST_F(CommandLineSite, TheNearestConfigWinsOverOneFurtherUpAndOverXdg) {
  const fs::path inner = m_scratch.path() / "site" / "inner";
  TinySite inner_site{inner, m_home, {}};
  fs::create_directories(m_home / ".config" / "scholard");
  fs::copy_file(m_site.config(), m_home / ".config" / "scholard" / "scholard.toml");
  fs::create_directories(inner / "sub");
  auto r = scholard({"check"}, env(), (inner / "sub").string());
  EXPECT_EQ(r.out.rfind("config: " + inner_site.config().string() + "\n", 0), 0U) << r.out << r.err;
  // Outside any site: the XDG one.
  auto outside = scholard({"check"}, env(), m_home.string());
  EXPECT_NE(outside.out.find("config: " + (m_home / ".config" / "scholard" / "scholard.toml").string()),
            std::string::npos)
      << outside.out << outside.err;
}

TEST_F(CommandLineSite, ConfigGivenAsAFolderReadsItsScholardToml) {
  const std::string folder = (m_scratch.path() / "site").string();
  auto r = scholard({"--config", folder, "check"}, env(), "/");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("config: " + m_site.config().string() + "\n", 0), 0U) << r.out;
  auto trailing = scholard({"--config", folder + "/", "check"}, env(), "/");
  EXPECT_EQ(trailing.exit_code, 0) << trailing.out << trailing.err;
  auto empty = scholard({"--config", m_home.string(), "check"}, env(), "/");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("nor does " + (m_home / "scholard.toml").string()), std::string::npos) << empty.err;
}

TEST_F(CommandLineSite, NoConfigAnywhereSaysWhereItLooked) {
  fs::create_directories(m_home);
  auto r = scholard({"check"}, env(), m_home.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((m_home / "scholard.toml").string() + " and in each folder above it"), std::string::npos)
      << r.err;
}

TEST_F(CommandLineSite, CountsOfOneAreSingular) {
  // One problem: the page lost its markers.
  std::ofstream(m_site.page(), std::ios::trunc) << "# Research\n\nno markers\n";
  auto check = scholard({"--config", m_site.config().string(), "check"}, env());
  EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
  // (and one warning: the contact address is at example.net)
  EXPECT_NE(check.out.find("check: 1 problem, 1 warning\n"), std::string::npos) << check.out;

  // One paper, one failed fetch from each source: "1 failure", not "1 failures".
  TinySiteSpec spec;
  spec.arxiv_ids = {"2308.03686"};
  TinySite one{m_scratch.path() / "one", m_home, spec};
  auto sync = one.scholard({"sync"});
  EXPECT_EQ(sync.exit_code, 1) << sync.out << sync.err;
  EXPECT_EQ(sync.err.find("(s)"), std::string::npos) << sync.err;
  EXPECT_EQ(sync.err.find(" 1 papers"), std::string::npos) << sync.err;
  EXPECT_EQ(sync.err.find(" 1 requests"), std::string::npos) << sync.err;
  auto status = one.scholard({"status"});
  EXPECT_NE(status.out.find("1 failure,"), std::string::npos) << status.out;
  EXPECT_EQ(status.out.find("1 failures"), std::string::npos) << status.out;
  auto show = one.scholard({"show", "2308.03686"});
  EXPECT_NE(show.out.find("(1 failure)"), std::string::npos) << show.out;
}

TEST_F(CommandLineSite, PendingJsonCarriesTheVersion) {
  m_site.scholard({"sync"});  // makes the store; no paper, no request
  auto r = m_site.scholard({"pending", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"version\":1,\"candidates\":[]}\n");
  for (const std::string view : {"list", "status", "history"}) {
    auto doc = m_site.scholard({view, "--json"});
    EXPECT_EQ(doc.out.rfind("{\"version\":1,", 0), 0U) << view << ": " << doc.out;
  }
}

TEST_F(CommandLineSite, ColourOnATerminalUnlessNoColorOrNever) {
  const std::string config = m_site.config().string();
  auto plain_env = env();
  plain_env["NO_COLOR"] = "";
  plain_env["TERM"] = "xterm";
  const std::string coloured = scholard_on_terminal({"--config", config, "check"}, plain_env);
  EXPECT_NE(coloured.find(k_green_ok), std::string::npos) << coloured;

  auto no_color_env = plain_env;
  no_color_env["NO_COLOR"] = "1";
  const std::string no_color = scholard_on_terminal({"--config", config, "check"}, no_color_env);
  EXPECT_EQ(no_color.find('\033'), std::string::npos) << no_color;
  EXPECT_NE(no_color.find("check: ok"), std::string::npos) << no_color;
  // --color=always beats NO_COLOR; --color=never beats the terminal.
  EXPECT_NE(scholard_on_terminal({"--color=always", "--config", config, "check"}, no_color_env).find(k_green_ok),
            std::string::npos);
  EXPECT_EQ(scholard_on_terminal({"--color=never", "--config", config, "check"}, plain_env).find('\033'),
            std::string::npos);
  // The error prefix is red on a terminal.
  EXPECT_NE(scholard_on_terminal({"snyc"}, plain_env).find(k_red_prefix + "unknown command 'snyc'"),
            std::string::npos);
}

TEST_F(CommandLineSite, ColourWhenNotATerminalOnlyWithAlways) {
  const std::string config = m_site.config().string();
  auto piped = scholard({"--config", config, "check"}, env());
  EXPECT_EQ(piped.out.find('\033'), std::string::npos) << piped.out;
  auto always = scholard({"--color", "always", "--config", config, "check"}, env());
  EXPECT_NE(always.out.find("check: " + k_green_ok), std::string::npos) << always.out;
  auto error = scholard({"--color=always", "snyc"}, env());
  EXPECT_EQ(error.err, k_red_prefix + "unknown command 'snyc'; did you mean 'sync'?\n");
  // A warning's word is yellow (the contact address at example.net is one).
  auto warned = m_site.scholard({"--color=always", "sync", "--dry-run"});
  EXPECT_NE(warned.err.find("scholard: \033[33mwarning:\033[0m "), std::string::npos) << warned.err;
  auto plain = m_site.scholard({"sync", "--dry-run"});
  EXPECT_NE(plain.err.find("scholard: warning: "), std::string::npos) << plain.err;
  EXPECT_EQ(plain.err.find('\033'), std::string::npos) << plain.err;
}

}  // namespace
}  // namespace scholard::testing
