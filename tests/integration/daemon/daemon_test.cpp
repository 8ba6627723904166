// `scholard daemon` end to end: the real binary on compressed intervals
// against the fake API server, with a test socket standing in for systemd's
// notify socket (an abstract @ address, as systemd may hand out).
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A datagram socket bound to an abstract address, like $NOTIFY_SOCKET.
class NotifySocket {
 public:
  NotifySocket() {
    m_name = "scholard-test-notify-" + std::to_string(::getpid());
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path + 1, m_name.data(), m_name.size());
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + m_name.size());
    m_bound = ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), len) == 0;
  }
  ~NotifySocket() { ::close(m_fd); }
  bool bound() const { return m_bound; }
  std::string address() const { return "@" + m_name; }

  // Receives until a message containing `what` arrives (or the deadline);
  // every message received is appended to `seen`.
  bool wait_for(const std::string& what, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      timeval tv{0, 100000};
      ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      char buf[4096];
      const auto n = ::recv(m_fd, buf, sizeof buf, 0);
      if (n <= 0) continue;
      seen.emplace_back(buf, static_cast<std::size_t>(n));
      if (seen.back().find(what) != std::string::npos) return true;
    }
    return false;
  }
  std::vector<std::string> seen;

 private:
  std::string m_name;
  int m_fd = -1;
  bool m_bound = false;
};

class DaemonProcess {
 public:
  DaemonProcess(const SeedSite& site, const std::string& notify) {
    m_log = (site.root() / "daemon.log").string();
    m_pid = spawn_background({SCHOLARD_BIN, "--config", site.config().string(), "--log-level", "debug", "daemon"},
                             {{"NOTIFY_SOCKET", notify}}, m_log);
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

TEST(Daemon, PicksUpChangesReloadsAndStopsCleanlyTellingSystemd) {
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
  DaemonProcess daemon(site, notify.address());
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

TEST(Daemon, InvalidConfigOnReloadKeepsTheOldOne) {
  SeedSite site;
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  NotifySocket notify;
  ASSERT_TRUE(notify.bound());
  DaemonProcess daemon(site, notify.address());
  ASSERT_TRUE(notify.wait_for("STATUS=", 10s)) << daemon.log();
  std::ofstream(site.config(), std::ios::app) << "\n[schedule]\nrefrsh = \"1s\"\n";
  ASSERT_EQ(::kill(daemon.pid(), SIGHUP), 0);
  ASSERT_TRUE(notify.wait_for("READY=1", 5s)) << daemon.log();
  EXPECT_TRUE(wait_until([&] { return daemon.log().find("keeping the old one") != std::string::npos; }, 5s))
      << daemon.log();
  ASSERT_EQ(::kill(daemon.pid(), SIGTERM), 0);
  EXPECT_EQ(daemon.wait_exit(10s), 0) << daemon.log();
}

}  // namespace
}  // namespace scholard::testing
