#include "daemon/hook.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace scholard::daemon {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::size_t open_fd_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// True when `pid` is gone or only a zombie (no longer running).
bool not_running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  return close != std::string::npos && line.size() > close + 2 && line[close + 2] == 'Z';
}

TEST(Hook, CapturesOutputOfEcho) {
  auto r = run_hook({"/bin/echo", "hello", "site"}, 10s, {}, {});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->succeeded());
  EXPECT_EQ(r->ending, HookEnding::exited);
  EXPECT_EQ(r->exit_status, 0);
  EXPECT_FALSE(r->timed_out);
  EXPECT_EQ(r->output_tail, "hello site\n");
  EXPECT_EQ(r->output_bytes, 11u);
  EXPECT_FALSE(r->output_truncated());
  EXPECT_EQ(r->describe(), "exited with status 0");
}

TEST(Hook, CapturesStderrToo) {
  auto r = run_hook({"sh", "-c", "echo out; echo err >&2"}, 10s, {}, {});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->output_tail, "out\nerr\n");
}

TEST(Hook, ReportsExitStatus) {
  auto r = run_hook({"sh", "-c", "exit 3"}, 10s, {}, {});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->ending, HookEnding::exited);
  EXPECT_EQ(r->exit_status, 3);
  EXPECT_FALSE(r->succeeded());
  EXPECT_EQ(r->describe(), "exited with status 3");
}

TEST(Hook, ReportsDeathBySignal) {
  auto r = run_hook({"sh", "-c", "kill -USR1 $$"}, 10s, {}, {});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->ending, HookEnding::signalled);
  EXPECT_EQ(r->signal, SIGUSR1);
  EXPECT_FALSE(r->timed_out);
  EXPECT_EQ(r->describe(), "killed by signal " + std::to_string(SIGUSR1) + " (SIGUSR1)");
}

TEST(Hook, MissingProgramIsAnErrorNamingIt) {
  auto r = run_hook({"scholard-no-such-program-xyz", "a"}, 10s, {}, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::not_found);
  EXPECT_NE(r.error().message.find("scholard-no-such-program-xyz"), std::string::npos);

  auto by_path = run_hook({"/nonexistent/bin/jekyll"}, 10s, {}, {});
  ASSERT_FALSE(by_path);
  EXPECT_EQ(by_path.error().code, core::ErrorCode::not_found);
  EXPECT_NE(by_path.error().message.find("/nonexistent/bin/jekyll"), std::string::npos);
}

TEST(Hook, NonExecutableProgramIsPermanent) {
  const fs::path file = fs::temp_directory_path() / ("scholard-hook-noexec-" + std::to_string(::getpid()));
  std::ofstream(file) << "#!/bin/sh\necho hi\n";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  auto r = run_hook({file.string()}, 10s, {}, {});
  fs::remove(file);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::permanent);
}

TEST(Hook, InvalidInputs) {
  EXPECT_EQ(run_hook({}, 10s, {}, {}).error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(run_hook({""}, 10s, {}, {}).error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(run_hook({"/bin/echo", std::string("a\0b", 3)}, 10s, {}, {}).error().code,
            core::ErrorCode::invalid_input);
  EXPECT_EQ(run_hook({"/bin/echo"}, 10s, {{"A=B", "c"}}, {}).error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(run_hook({"/bin/echo"}, 10s, {}, "/nonexistent-dir").error().code, core::ErrorCode::io);
}

TEST(Hook, ShellMetacharactersArePassedLiterally) {
  const std::vector<std::string> args{"; rm -rf /", "$(id)", "`id`", "a b", "*", "'q'", "$HOME", "x > y"};
  std::vector<std::string> argv{"printf", "[%s]\\n"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_hook(argv, 10s, {}, {});
  ASSERT_TRUE(r) << r.error().message;
  std::string expected;
  for (const auto& a : args) expected += "[" + a + "]\n";
  EXPECT_EQ(r->output_tail, expected);
}

TEST(Hook, TimeoutKillsTheProcess) {
  const auto start = std::chrono::steady_clock::now();
  auto r = run_hook({"sleep", "30"}, 300ms, {}, {});
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->timed_out);
  EXPECT_FALSE(r->succeeded());
  EXPECT_EQ(r->ending, HookEnding::signalled);
  EXPECT_EQ(r->signal, SIGTERM);
  EXPECT_GE(r->duration, 300ms);
  EXPECT_LT(took, 10s);
  EXPECT_EQ(r->describe(), "killed by signal " + std::to_string(SIGTERM) + " (SIGTERM) after timing out");
}

// A hook that ignores SIGTERM gets SIGKILL after the grace period.
TEST(Hook, SigkillAfterGraceWhenSigtermIsIgnored) {
  HookLimits limits;
  limits.grace = 300ms;
  const auto start = std::chrono::steady_clock::now();
  // 1 s leaves the shell time to install its trap even on a loaded machine.
  auto r = run_hook({"sh", "-c", "trap '' TERM; echo armed; sleep 30; echo survived"}, 1s, {}, {}, limits);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->ending, HookEnding::signalled);
  EXPECT_EQ(r->signal, SIGKILL);
  EXPECT_GE(r->duration, 1300ms);
  EXPECT_LT(took, 10s);
  EXPECT_EQ(r->output_tail, "armed\n");
}

// The whole process group goes at the timeout, not just the shell.
TEST(Hook, TimeoutKillsTheHooksChildrenToo) {
  auto r = run_hook({"sh", "-c", "sleep 30 & echo $!; wait"}, 1s, {}, {});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->timed_out);
  ASSERT_FALSE(r->output_tail.empty()) << "the shell printed no pid before the timeout";
  const pid_t child = static_cast<pid_t>(std::stol(r->output_tail));
  ASSERT_GT(child, 0);
  for (int i = 0; i < 100 && !not_running(child); ++i) ::usleep(20'000);
  EXPECT_TRUE(not_running(child)) << "background sleep " << child << " survived the timeout";
}

TEST(Hook, EnvironmentReachesTheChild) {
  ::setenv("NOTIFY_SOCKET", "@scholard-hook-test", 1);
  ::setenv("WATCHDOG_USEC", "1000", 1);
  ::setenv("SCHOLARD_CHANGED_COUNT", "stale", 1);
  const auto env = hook_environment({"/srv/site/_pages/research.md", "/srv/site/papers.bib"}, "/etc/scholard/scholard.toml");
  auto r = run_hook({"/usr/bin/env"}, 10s, env, {});
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  ::unsetenv("SCHOLARD_CHANGED_COUNT");
  ASSERT_TRUE(r) << r.error().message;
  const std::string& out = r->output_tail;
  EXPECT_NE(out.find("\nSCHOLARD_CHANGED_OUTPUTS=/srv/site/_pages/research.md\n/srv/site/papers.bib\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("\nSCHOLARD_CHANGED_COUNT=2\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("SCHOLARD_CHANGED_COUNT=stale"), std::string::npos) << out;
  EXPECT_NE(out.find("\nSCHOLARD_CONFIG=/etc/scholard/scholard.toml\n"), std::string::npos) << out;
  EXPECT_NE(out.find("PATH="), std::string::npos) << "inherited variables are kept";
  EXPECT_EQ(out.find("NOTIFY_SOCKET"), std::string::npos) << "systemd's socket must not leak";
  EXPECT_EQ(out.find("WATCHDOG_USEC"), std::string::npos);
}

TEST(Hook, HookEnvironmentFormat) {
  const auto env = hook_environment({"/a/x.md"}, {});
  ASSERT_EQ(env.size(), 2u);
  EXPECT_EQ(env[0], (EnvVar{"SCHOLARD_CHANGED_OUTPUTS", "/a/x.md"}));
  EXPECT_EQ(env[1], (EnvVar{"SCHOLARD_CHANGED_COUNT", "1"}));
  const auto none = hook_environment({}, "/c.toml");
  EXPECT_EQ(none[0].second, "");
  EXPECT_EQ(none[1].second, "0");
  EXPECT_EQ(none[2], (EnvVar{"SCHOLARD_CONFIG", "/c.toml"}));
}

TEST(Hook, LongOutputKeepsTheTail) {
  // 20000 numbered lines, far beyond the 4 KiB cap.
  auto r = run_hook({"seq", "1", "20000"}, 10s, {}, {});
  ASSERT_TRUE(r) << r.error().message;
  std::ostringstream all;
  for (int i = 1; i <= 20000; ++i) all << i << '\n';
  const std::string full = all.str();
  EXPECT_EQ(r->output_bytes, full.size());
  EXPECT_TRUE(r->output_truncated());
  EXPECT_EQ(r->output_tail.size(), 4096u);
  EXPECT_EQ(r->output_tail, full.substr(full.size() - 4096));
}

TEST(Hook, TailStartsAtACharacterBoundary) {
  HookLimits limits;
  limits.output_cap = 5;
  // "é" is two bytes: the last 5 bytes of "aéé\n" + "éé" cut one in half.
  auto r = run_hook({"printf", "a\xc3\xa9\xc3\xa9\xc3\xa9"}, 10s, {}, {}, limits);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->output_bytes, 7u);
  EXPECT_EQ(r->output_tail, "\xc3\xa9\xc3\xa9");
}

TEST(Hook, RunsInTheWorkingDirectoryWithStdinClosed) {
  const fs::path dir = fs::canonical(fs::temp_directory_path());
  auto r = run_hook({"sh", "-c", "pwd; cat; echo end"}, 10s, {}, dir);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->output_tail, dir.string() + "\nend\n");
}

TEST(Hook, LeaksNoDescriptorsAndNoZombies) {
  const std::size_t before = open_fd_count();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(run_hook({"/bin/echo", "x"}, 10s, {}, {}));
    ASSERT_TRUE(run_hook({"sh", "-c", "exit 1"}, 10s, {}, {}));
    ASSERT_FALSE(run_hook({"scholard-no-such-program-xyz"}, 10s, {}, {}));
  }
  ASSERT_TRUE(run_hook({"sleep", "30"}, 50ms, {}, {}));
  EXPECT_EQ(open_fd_count(), before);
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD) << "a child was left unreaped";
}

// The child sees no descriptor of ours beyond 0, 1 and 2, even one we hold
// without O_CLOEXEC.
TEST(Hook, ChildInheritsOnlyStandardDescriptors) {
  const int leaky = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC on purpose
  ASSERT_GE(leaky, 0);
  auto r = run_hook({"ls", "/proc/self/fd"}, 10s, {}, {});
  ::close(leaky);
  ASSERT_TRUE(r) << r.error().message;
  std::istringstream in(r->output_tail);
  std::vector<int> fds;
  for (std::string line; std::getline(in, line);) fds.push_back(std::stoi(line));
  std::sort(fds.begin(), fds.end());
  // ls itself opens one descriptor (the lowest free: 3) for the listing.
  EXPECT_EQ(fds, (std::vector<int>{0, 1, 2, 3})) << r->output_tail;
}

}  // namespace
}  // namespace scholard::daemon
