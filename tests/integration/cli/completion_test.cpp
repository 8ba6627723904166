// The completion scripts (`scholard completion bash|zsh|fish`) tested the way
// a shell uses them: the bash script is sourced in bash, COMP_WORDS and
// COMP_CWORD are set as bash sets them, the completion function is called
// and COMPREPLY is read back (a command, an option, an option's value and
// paper ids from the config the command line names).
#include <cstdio>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tiny_site.hpp"

namespace scholard::testing {
namespace {
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// COMPREPLY after completing the last word of `words` (words[0] is the
// program; a trailing "" completes a new word).
std::vector<std::string> bash_complete(const std::vector<std::string>& words, const TinySite* site = nullptr) {
  std::string array;
  for (const auto& w : words) array += " '" + w + "'";
  const std::string script = "source <('" + std::string(SCHOLARD_BIN) + "' completion bash) || exit 9\n"
                             "COMP_WORDS=(" + array + ")\n"
                             "COMP_CWORD=" + std::to_string(words.size() - 1) + "\n"
                             "_scholard\n"
                             "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
  const auto env = site != nullptr ? isolated_env(site->config().parent_path()) : std::map<std::string, std::string>{};
  auto r = run_command({"/bin/bash", "--norc", "-c", script}, env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = r.out.find('\n', start)) != std::string::npos; start = nl + 1) {
    if (nl > start) out.push_back(r.out.substr(start, nl - start));
  }
  return out;
}

TEST(Completion, BashCompletesCommandsOptionsAndValues) {
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "sy"}), ElementsAre("sync"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "--log-level", "error", "st"}), ElementsAre("status"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "sync", "--dr"}), ElementsAre("--dry-run"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "--lo"}), ElementsAre("--log-level"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "--log-level", "w"}), ElementsAre("warn"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "export", "--format", "cs"}), ElementsAre("csl-json"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "completion", "f"}), ElementsAre("fish"));
  // Internal commands are not offered.
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "__"}), IsEmpty());
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "daemon-"}), IsEmpty());
}

TEST(Completion, BashCompletesPaperIdsFromTheConfigTheLineNames) {
  ScratchDir dir("completion");
  const TinySite site(dir.path(), dir.path(), {{"2506.15740", "2505.05410", "2401.00001"}});
  const std::string config = site.config().string();
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "--config", config, "show", "25"}, &site),
              UnorderedElementsAre("2506.15740", "2505.05410"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "-c", config, "remove", "2401"}, &site), ElementsAre("2401.00001"));
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "--config", config, "sync", "--only", ""}, &site),
              UnorderedElementsAre("2506.15740", "2505.05410", "2401.00001"));
  // No usable config: nothing offered, and no error text on the line.
  EXPECT_THAT(bash_complete({SCHOLARD_BIN, "--config", (dir.path() / "missing.toml").string(), "show", ""}, &site),
              IsEmpty());
}

TEST(Completion, TheHiddenIdListIsOnePerLineInConfigOrder) {
  ScratchDir dir("complete-ids");
  const TinySite site(dir.path(), dir.path(), {{"2506.15740", "2401.00001"}});
  auto r = site.scholard({"__complete", "ids"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "2506.15740\n2401.00001\n");
  auto none = site.scholard({"__complete", "candidates"});  // nothing synced: no store, nothing to say
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "");
}

TEST(Completion, ZshAndFishScriptsParse) {
  for (const char* shell : {"zsh", "fish"}) {
    auto which = run_command({"/bin/sh", "-c", std::string("command -v ") + shell});
    if (which.exit_code != 0) {
      std::printf("%s is not installed: its script is only checked for its shape\n", shell);
      auto r = run_command({SCHOLARD_BIN, "completion", shell});
      EXPECT_EQ(r.exit_code, 0) << r.err;
      EXPECT_NE(r.out.find("__complete ids"), std::string::npos) << r.out;
      continue;
    }
    const std::string pipe = std::string("'") + SCHOLARD_BIN + "' completion " + shell + " | " + shell + " -n";
    auto r = run_command({"/bin/sh", "-c", pipe});
    EXPECT_EQ(r.exit_code, 0) << shell << ": " << r.err;
  }
}

}  // namespace
}  // namespace scholard::testing
