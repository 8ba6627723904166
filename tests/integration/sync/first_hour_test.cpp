// Small things a researcher meets in the first hour (issue: a researcher's
// first hour), with the real binary against the fake API server:
//  - `render` runs the hook when it changed an output (and only then);
//  - the example config's placeholder contact is a warning in `check` and
//    `sync`, and a real address silences it;
//  - SIGINT/SIGTERM during `sync`: the run is recorded as interrupted, the
//    answers already fetched are kept, the outputs are untouched, the exit
//    status is 128 + the signal; a killed sync's run is closed by the next one.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

const char* const k_placeholder = "is a placeholder: Crossref asks for a real contact address";

class FirstHour : public ::testing::Test {
 protected:
  void start(SeedSiteOptions options = {}) {
    m_site = std::make_unique<SeedSite>(std::move(options));
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
  }
  void edit_config(const std::string& from, const std::string& to) {
    std::string text = slurp_file(m_site->config());
    ASSERT_EQ(replace_all(text, from, to), 1) << "config text not found: " << from;
    std::ofstream(m_site->config(), std::ios::binary | std::ios::trunc) << text;
  }
  // Waits for a background child; its exit status, or 128 + signal.
  static int wait_for(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  // Polls the fake server until it has answered `n` arXiv requests (or 10 s passed).
  bool wait_for_arxiv_requests(long n) {
    for (int i = 0; i < 200; ++i) {
      auto stats = m_site->server()->stats();
      if (stats && stats->arxiv.requests >= n) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
  std::unique_ptr<SeedSite> m_site;
};

TEST_F(FirstHour, RenderRunsTheHookWhenItChangedAnOutputAndOnlyThen) {
  SeedSiteOptions options;
  options.hook = {"/bin/sh", "-c", "echo \\\"$SCHOLARD_CHANGED_COUNT\\\" >> hook.log"};  // TOML-escaped
  start(options);
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  const fs::path hook_log = m_site->root() / "config" / "hook.log";
  ASSERT_EQ(slurp_file(hook_log), "4\n");

  // An override edited by hand: `render` rewrites the outputs from the cache
  // and must rebuild the site, since the next sync will find nothing changed.
  edit_config("arxiv = \"2305.16860\"\nvenue = \"Transactions on Machine Learning Research\"",
              "arxiv = \"2305.16860\"\nvenue = \"A Venue Typed By Hand\"");
  auto r = m_site->scholard({"render"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("research.md"), std::string::npos) << r.out;
  EXPECT_NE(slurp_file(m_site->page()).find("A Venue Typed By Hand"), std::string::npos);
  EXPECT_EQ(slurp_file(hook_log), "4\n4\n");

  // Nothing changed: no hook, neither from render nor from the next sync.
  r = m_site->scholard({"render"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("outputs unchanged"), std::string::npos) << r.out;
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  EXPECT_EQ(slurp_file(hook_log), "4\n4\n");

  // A dry run never runs it.
  edit_config("A Venue Typed By Hand", "Another Venue");
  r = m_site->scholard({"render", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Another Venue"), std::string::npos) << r.out;
  EXPECT_EQ(slurp_file(hook_log), "4\n4\n");
}

TEST_F(FirstHour, PlaceholderContactIsAWarningInCheckAndSync) {
  start();
  const std::string config = slurp_file(m_site->config());
  ASSERT_NE(config.find("contact = \"scholard-demo@example.org\""), std::string::npos);

  auto check = m_site->scholard({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("  WARN  " + m_site->config().string() + ":14: profile.contact \"scholard-demo@example.org\" " +
                           k_placeholder),
            std::string::npos)
      << check.out;
  EXPECT_NE(check.out.find("check: ok, 1 warning (no network used)"), std::string::npos) << check.out;

  auto sync = m_site->scholard({"sync"});
  EXPECT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_NE(sync.err.find("scholard: warning: "), std::string::npos) << sync.err;
  EXPECT_NE(sync.err.find(k_placeholder), std::string::npos) << sync.err;

  // Any address at a domain reserved for examples is a placeholder too.
  edit_config("scholard-demo@example.org", "me@lab.example");
  check = m_site->scholard({"check"});
  EXPECT_NE(check.out.find(k_placeholder), std::string::npos) << check.out;

  edit_config("me@lab.example", "joe.benton@stats.ox.ac.uk");
  check = m_site->scholard({"check"});
  EXPECT_EQ(check.exit_code, 0);
  EXPECT_EQ(check.out.find(k_placeholder), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("check: ok (no network used)"), std::string::npos) << check.out;
  sync = m_site->scholard({"sync", "--force"});
  EXPECT_EQ(sync.err.find(k_placeholder), std::string::npos) << sync.err;
}

// The arXiv answer comes at once, Crossref's is held for 20 s: the signal
// arrives while the pass waits for Crossref.
void interrupted_sync_keeps_what_it_fetched(int signo, const char* name) {
  SCOPED_TRACE(name);
  SeedSiteOptions options;
  options.server_args = {"--fault", "crossref:delay:20000x1"};
  SeedSite site(options);
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  const std::string page_before = slurp_file(site.page());
  const fs::path log = site.root() / "sync.log";
  const pid_t pid = spawn_background({SCHOLARD_BIN, "--config", site.config().string(), "sync"}, {}, log.string());
  ASSERT_GT(pid, 0);
  bool answered = false;
  for (int i = 0; i < 200 && !answered; ++i) {
    auto stats = site.server()->stats();
    answered = stats && stats->arxiv.requests >= 1 && stats->crossref.requests >= 1;
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(answered) << slurp_file(log);
  std::this_thread::sleep_for(300ms);  // the arXiv answer parsed and waiting to be stored
  ASSERT_EQ(::kill(pid, signo), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 128 + signo);
  const std::string said = slurp_file(log);
  // arXiv's 15 answers, and Semantic Scholar's 15 when its batch came first.
  const bool arxiv_only = said.find(std::string("scholard: sync interrupted by ") + name +
                                    ": 15 answers kept in the store, outputs left as they were") != std::string::npos;
  const bool with_s2 = said.find(std::string("scholard: sync interrupted by ") + name +
                                 ": 30 answers kept in the store, outputs left as they were") != std::string::npos;
  EXPECT_TRUE(arxiv_only || with_s2) << said;
  EXPECT_EQ(slurp_file(site.page()), page_before);

  auto status_json = site.scholard({"status", "--json"});
  ASSERT_EQ(status_json.exit_code, 0) << status_json.err;
  EXPECT_NE(status_json.out.find("\"outcome\":\"interrupted\""), std::string::npos) << status_json.out;
  EXPECT_EQ(status_json.out.find("\"outcome\":\"running\""), std::string::npos) << status_json.out;
  auto text = site.scholard({"status"});
  EXPECT_NE(text.out.find("interrupted"), std::string::npos) << text.out;

  // The next sync asks arXiv nothing (its answers were kept) and finishes the job.
  auto again = site.scholard({"sync"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("0 requests to arXiv, 1 to Crossref"), std::string::npos) << again.out;
  EXPECT_EQ(marked_entries(slurp_file(site.page())).size(), 16u);
}

TEST_F(FirstHour, SigintDuringSyncIsRecordedAsInterruptedAndKeepsWhatWasFetched) {
  interrupted_sync_keeps_what_it_fetched(SIGINT, "SIGINT");
}

TEST_F(FirstHour, SigtermDuringSyncIsRecordedAsInterruptedAndKeepsWhatWasFetched) {
  interrupted_sync_keeps_what_it_fetched(SIGTERM, "SIGTERM");
}

TEST_F(FirstHour, KilledSyncIsNotRunningForeverInStatus) {
  SeedSiteOptions options;
  options.server_args = {"--fault", "arxiv:delay:20000x1"};
  start(options);
  const pid_t pid = spawn_background({SCHOLARD_BIN, "--config", m_site->config().string(), "sync"});
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for_arxiv_requests(1));
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  EXPECT_EQ(wait_for(pid), 128 + SIGKILL);
  auto before = m_site->scholard({"status", "--json"});
  EXPECT_NE(before.out.find("\"outcome\":\"running\""), std::string::npos) << before.out;

  m_site->server()->reset();
  ASSERT_EQ(m_site->scholard({"sync"}).exit_code, 0);
  auto after = m_site->scholard({"status", "--json"});
  EXPECT_EQ(after.out.find("\"outcome\":\"running\""), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("\"outcome\":\"interrupted\""), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("the process was killed?"), std::string::npos) << after.out;
}

}  // namespace
}  // namespace scholard::testing
