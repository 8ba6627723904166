// `scholard daemon` end to end: the real binary on compressed intervals
// against the fake API server, with a test socket standing in for systemd's
// notify socket (an abstract @ address, as systemd may hand out). The main
// scenarios run twice: with each pass in a child process (the default:
// scholard-daemon supervises `scholard daemon-pass`) and in-process
// (SCHOLARD_IN_PROCESS=1).
#include <fcntl.h>
#include <cerrno>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/notify_socket.hpp"
#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class DaemonProcess {
 public:
  DaemonProcess(const SeedSite& site, const std::string& notify, bool in_process = false) {
    m_log = (site.root() / "daemon.log").string();
    std::map<std::string, std::string> env{{"NOTIFY_SOCKET", notify}};
    if (in_process) env["SCHOLARD_IN_PROCESS"] = "1";
    m_pid = spawn_background({SCHOLARD_BIN, "--config", site.config().string(), "--log-level", "debug", "daemon"},
                             env, m_log);
  }
  ~DaemonProcess() {
    if (m_pid > 0 && !m_reaped) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  pid_t pid() const { return m_pid; }
  std::string log() const { return slurp_file(m_log); }
  // The exit status, or -1 when it did not exit in time (or died of a signal).
  int wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      int status = 0;
      if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_reaped = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(20ms);
    }
    return -1;
  }

 private:
  pid_t m_pid = -1;
  bool m_reaped = false;
  std::string m_log;
};

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

void publish_v3_with_doi(const SeedSite& site) {
  const auto feed = site.fixtures() / "arxiv" / "arxiv-2305.16860.xml";
  std::string xml = slurp_file(feed);
  replace_all(xml, "2305.16860v2", "2305.16860v3");
  replace_all(xml, "  </entry>",
              "    <arxiv:doi>10.5555/tmlr.2024.0042</arxiv:doi>\n"
              "    <link href=\"https://doi.org/10.5555/tmlr.2024.0042\" rel=\"related\" title=\"doi\"/>\n  </entry>");
  std::ofstream(feed, std::ios::trunc) << xml;
}

// The pids of the daemon's child processes (the pass in flight, if any).
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  pid_t child = 0;
  while (in >> child) out.push_back(child);
  return out;
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

// The pid of the latest "pass started in process N" line, or -1.
pid_t last_pass_pid(const std::string& log) {
  const std::string marker = "pass started in process ";
  const auto at = log.rfind(marker);
  if (at == std::string::npos) return -1;
  return static_cast<pid_t>(std::stol(log.substr(at + marker.size())));
}

class DaemonModes : public ::testing::TestWithParam<bool> {};  // true: in-process

INSTANTIATE_TEST_SUITE_P(Daemon, DaemonModes, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "InProcess" : "ChildProcess"; });

TEST_P(DaemonModes, PicksUpChangesReloadsAndStopsCleanlyTellingSystemd) {
  SeedSiteOptions options;
  options.config_edits = {{"refresh  = \"1d\"", "refresh  = \"1s\""},
                          {"interval = \"6h\"", "interval = \"2s\""},
                          {"jitter   = \"10m\"", "jitter   = \"100ms\""}};
  SeedSite site(options);
  ASSERT_NE(slurp_file(site.config()).find("refresh  = \"1s\""), std::string::npos) << "config edit did not apply";
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  const auto port = site.server()->port();
  NotifySocket notify;
  ASSERT_TRUE(notify.bound());
  DaemonProcess daemon(site, notify.address(), GetParam());
  ASSERT_GT(daemon.pid(), 0);

  ASSERT_TRUE(notify.wait_for("READY=1", 10s)) << daemon.log();
  ASSERT_TRUE(notify.wait_for("STATUS=daemon: 16 papers", 10s)) << daemon.log();
  ASSERT_EQ(marked_entries(slurp_file(site.page())).size(), 16u) << daemon.log();
  auto stats = site.server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_TRUE(stats->violations.empty());

  // A new arXiv version with a DOI: picked up within one interval (2 s) plus
  // the 1 s refresh and some slack.
  publish_v3_with_doi(site);
  ASSERT_TRUE(site.start_server(error, port)) << error;
  EXPECT_TRUE(wait_until([&] { return slurp_file(site.page()).find("doi.org/10.5555/tmlr.2024.0042") != std::string::npos; },
                         6s))
      << daemon.log();
  stats = site.server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_TRUE(stats->violations.empty()) << stats->violations.front();

  ASSERT_EQ(::kill(daemon.pid(), SIGHUP), 0);
  ASSERT_TRUE(notify.wait_for("RELOADING=1", 5s)) << daemon.log();
  EXPECT_NE(notify.seen.back().find("MONOTONIC_USEC="), std::string::npos) << notify.seen.back();
  ASSERT_TRUE(notify.wait_for("READY=1", 5s)) << daemon.log();

  ASSERT_EQ(::kill(daemon.pid(), SIGTERM), 0);
  ASSERT_TRUE(notify.wait_for("STOPPING=1", 5s)) << daemon.log();
  EXPECT_EQ(daemon.wait_exit(10s), 0) << daemon.log();

  // The order systemd needs: READY first, STOPPING last, RELOADING followed by READY.
  ASSERT_GE(notify.seen.size(), 5u);
  EXPECT_EQ(notify.seen.front(), "READY=1");
  EXPECT_EQ(notify.seen.back(), "STOPPING=1");
  std::size_t reload = 0;
  while (reload < notify.seen.size() && notify.seen[reload].find("RELOADING=1") == std::string::npos) ++reload;
  ASSERT_LT(reload + 1, notify.seen.size());
  EXPECT_EQ(notify.seen[reload + 1], "READY=1");
  stats = site.server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_TRUE(stats->violations.empty()) << stats->violations.front();
}

TEST_P(DaemonModes, InvalidConfigOnReloadKeepsTheOldOneForThePassesToo) {
  SeedSite site;
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  NotifySocket notify;
  ASSERT_TRUE(notify.bound());
  DaemonProcess daemon(site, notify.address(), GetParam());
  ASSERT_TRUE(notify.wait_for("STATUS=", 10s)) << daemon.log();
  std::ofstream(site.config(), std::ios::app) << "\n[schedule]\nrefrsh = \"1s\"\n";
  ASSERT_EQ(::kill(daemon.pid(), SIGHUP), 0);
  ASSERT_TRUE(notify.wait_for("READY=1", 5s)) << daemon.log();
  EXPECT_TRUE(wait_until([&] { return daemon.log().find("keeping the old one") != std::string::npos; }, 5s))
      << daemon.log();
  // The pass after the reload runs on the old (valid) configuration, not on
  // the broken file: a child process gets the validated bytes on stdin.
  ASSERT_TRUE(notify.wait_for("STATUS=daemon: 16 papers", 10s)) << daemon.log();
  EXPECT_EQ(notify.seen.back().find("configuration"), std::string::npos) << notify.seen.back();
  ASSERT_EQ(::kill(daemon.pid(), SIGTERM), 0);
  EXPECT_EQ(daemon.wait_exit(10s), 0) << daemon.log();
}

TEST(Daemon, WaitsWithoutTheNetworkStackAndRunsEachPassInAChild) {
  SeedSite site;
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  NotifySocket notify;
  ASSERT_TRUE(notify.bound());
  DaemonProcess daemon(site, notify.address());
  ASSERT_TRUE(notify.wait_for("STATUS=daemon: 16 papers", 10s)) << daemon.log();
  ASSERT_TRUE(wait_until([&] { return daemon.log().find("next pass in") != std::string::npos; }, 5s)) << daemon.log();

  // Same pid (systemd's MAINPID), now the supervisor; libcurl and TLS are not
  // even mapped while it waits, and the pass's process is gone.
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/" + std::to_string(daemon.pid()) + "/exe", ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(exe.filename(), "scholard-daemon");
  const std::string maps = slurp_file("/proc/" + std::to_string(daemon.pid()) + "/maps");
  ASSERT_FALSE(maps.empty());
  EXPECT_EQ(maps.find("libcurl"), std::string::npos);
  EXPECT_EQ(maps.find("libssl"), std::string::npos);
  EXPECT_EQ(maps.find("libpugixml"), std::string::npos);
  EXPECT_TRUE(wait_until([&] { return children_of(daemon.pid()).empty(); }, 5s));
  const pid_t pass = last_pass_pid(daemon.log());
  ASSERT_GT(pass, 0) << daemon.log();
  EXPECT_NE(pass, daemon.pid());
  EXPECT_FALSE(process_exists(pass));

  ASSERT_EQ(::kill(daemon.pid(), SIGTERM), 0);
  EXPECT_EQ(daemon.wait_exit(10s), 0) << daemon.log();
}

TEST(Daemon, SigtermDuringAPassWaitsTheGraceThenEndsThePass) {
  SeedSite site;
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  // Every arXiv answer takes 30 s: the start-up pass is still fetching when
  // SIGTERM arrives, and will not finish within the 5 s grace.
  ASSERT_TRUE(site.server()->set_fault("arxiv", "delay", "30000", 0)) << "fault not set";
  NotifySocket notify;
  ASSERT_TRUE(notify.bound());
  DaemonProcess daemon(site, notify.address());
  ASSERT_TRUE(notify.wait_for("READY=1", 10s)) << daemon.log();
  ASSERT_TRUE(wait_until([&] { return last_pass_pid(daemon.log()) > 0; }, 10s)) << daemon.log();
  const pid_t pass = last_pass_pid(daemon.log());
  ASSERT_TRUE(process_exists(pass));

  // A terminal's Ctrl-C or systemd's KillMode=mixed: the signal reaches the
  // supervisor only (the pass has its own process group).
  const auto sent = Clock::now();
  ASSERT_EQ(::kill(daemon.pid(), SIGTERM), 0);
  ASSERT_TRUE(notify.wait_for("STOPPING=1", 5s)) << daemon.log();
  EXPECT_EQ(daemon.wait_exit(20s), 0) << daemon.log();
  EXPECT_GE(Clock::now() - sent, 4s) << "the pass got less than its grace";
  EXPECT_FALSE(process_exists(pass)) << "the pass outlived the daemon";
  EXPECT_NE(daemon.log().find("abandoning the pass in flight"), std::string::npos) << daemon.log();
}

}  // namespace
}  // namespace scholard::testing
