// The daemon reports discovery: its pass summary, sent to systemd as
// sd_notify STATUS, names the new candidates. A test socket stands in for
// $NOTIFY_SOCKET (an abstract @ address, as systemd may hand out).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/notify_socket.hpp"
#include "support/seed_site.hpp"

extern char** environ;

namespace scholard::testing {
namespace {
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST(DaemonDiscover, StatusNamesTheNewCandidates) {
  SeedSiteOptions options;
  options.config_edits = {
      {"# orcid = \"0000-0000-0000-0000\"", "orcid = \"0000-0002-1825-0097\""},
      {"\n[hook]\n", "\n[discover]\narxiv_query = 'au:Benton_J'\norcid = true\n\n[hook]\n"}};
  SeedSite site(options);
  const fs::path data = fs::path(SCHOLARD_TEST_DATA) / "discover";
  const auto copy = fs::copy_options::recursive | fs::copy_options::overwrite_existing;
  fs::copy(data / "arxiv", site.fixtures() / "arxiv", copy);
  fs::create_directories(site.fixtures() / "arxiv-search");
  fs::copy(data / "arxiv-search", site.fixtures() / "arxiv-search", copy);
  fs::copy(data / "crossref", site.fixtures() / "crossref", copy);
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  NotifySocket notify;
  ASSERT_TRUE(notify.bound());

  const std::string log = (site.root() / "daemon.log").string();
  std::vector<std::string> args = {SCHOLARD_BIN, "--config", site.config().string(), "daemon"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = {"NOTIFY_SOCKET=" + notify.address()};
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "NOTIFY_SOCKET=", 14) != 0) env.emplace_back(*e);
  }
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, SCHOLARD_BIN, &actions, nullptr, argv.data(), envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);

  const std::string status = notify.wait_for("STATUS=daemon:", 60s).value_or("");
  ::kill(pid, SIGTERM);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  ASSERT_FALSE(status.empty()) << slurp_file(log);
  EXPECT_NE(status.find(", 3 new candidates (scholard pending)"), std::string::npos) << status;
  EXPECT_NE(slurp_file(log).find("discovery: new candidate 2409.99101"), std::string::npos) << slurp_file(log);
  EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
}

}  // namespace
}  // namespace scholard::testing
