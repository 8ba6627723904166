// Crash safety end to end: `scholard sync --force` is killed with SIGKILL at
// random moments while the fixtures flip between two versions of one paper
// (so every pass has a new version of the outputs to write). After each kill:
//   - the store passes `PRAGMA integrity_check` (sqlite3 CLI);
//   - every output file is exactly version A or version B (the outputs of a
//     complete sync on either fixture), never a mix, never empty, never gone;
//   - nothing but scholard's hidden temporary files (".NAME.scholard-XXXXXX",
//     left by a kill between mkstemp and rename) appears beside them.
// At the end a complete pass must succeed and produce the current version.
//
// 20 kills by default; SCHOLARD_CRASH_ITERATIONS=N for the long run
// (scripts/soak.sh --crash N), SCHOLARD_CRASH_SEED to replay a sequence.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "integration/faults/site_state.hpp"


namespace scholard::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const char* const k_feed = "arxiv-2305.16860.xml";

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

// Outputs without scholard's hidden temporary files; those are counted apart.
std::map<std::string, std::string> visible_outputs(const SeedSite& site, int* temporaries = nullptr) {
  std::map<std::string, std::string> out;
  for (const auto& f : site.output_files()) {
    const std::string name = f.filename().string();
    if (name.rfind('.', 0) == 0 && name.find(".scholard-") != std::string::npos) {
      if (temporaries) ++*temporaries;
      continue;
    }
    out[f.string()] = slurp_file(f);
  }
  return out;
}

std::string integrity_check(const fs::path& db) {
  auto r = run_command({"/usr/bin/sqlite3", db.string(), "PRAGMA integrity_check;"});
  return r.exit_code == 0 ? r.out : "sqlite3 failed (" + std::to_string(r.exit_code) + "): " + r.err;
}

// Starts `scholard --config CFG sync --force` with its output discarded.
pid_t spawn_sync(const SeedSite& site) {
  return spawn_background({SCHOLARD_BIN, "--config", site.config().string(), "--quiet", "sync", "--force"});
}

class CrashSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    m_site = std::make_unique<SeedSite>();
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    m_feed_a = slurp_file(m_site->fixtures() / "arxiv" / k_feed);
    m_feed_b = m_feed_a;
    ASSERT_EQ(replace_all(m_feed_b, "<name>George Deligiannidis</name>", "<name>George Deligiannidis-Crash</name>"), 1);

    auto a = m_site->scholard({"sync"});
    ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
    m_version_a = visible_outputs(*m_site);
    use_version(1);
    const auto start = Clock::now();
    auto b = m_site->scholard({"sync", "--force"});
    m_full_pass = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
    m_version_b = visible_outputs(*m_site);
    ASSERT_EQ(m_version_a.size(), m_version_b.size());
    int differing = 0;
    for (const auto& [path, bytes] : m_version_a) {
      ASSERT_EQ(m_version_b.count(path), 1u) << path;
      differing += m_version_b[path] != bytes ? 1 : 0;
    }
    ASSERT_EQ(differing, 4) << "page, BibTeX, JSON and the paper's academicpages file should change";
  }

  // Serves feed A (0) or B (1) from now on.
  void use_version(int v) {
    std::ofstream(m_site->fixtures() / "arxiv" / k_feed, std::ios::binary | std::ios::trunc)
        << (v == 0 ? m_feed_a : m_feed_b);
    std::string error;
    ASSERT_TRUE(m_site->start_server(error, m_site->server()->port())) << error;
  }

  // Every output is version A or B of itself, whole; returns how many are B.
  int check_outputs(int kill, int* temporaries) {
    const auto now = visible_outputs(*m_site, temporaries);
    EXPECT_EQ(now.size(), m_version_a.size()) << "kill " << kill << ": files appeared or vanished";
    int b = 0;
    for (const auto& [path, bytes] : m_version_a) {
      auto it = now.find(path);
      if (it == now.end()) {
        ADD_FAILURE() << "kill " << kill << ": " << path << " is gone";
        continue;
      }
      const bool is_a = it->second == bytes;
      const bool is_b = it->second == m_version_b[path];
      EXPECT_TRUE(is_a || is_b) << "kill " << kill << ": " << path << " is neither version ("
                                << it->second.size() << " bytes)";
      b += (is_b && !is_a) ? 1 : 0;
    }
    return b;
  }

  std::unique_ptr<SeedSite> m_site;
  std::string m_feed_a, m_feed_b;
  std::map<std::string, std::string> m_version_a, m_version_b;
  std::chrono::milliseconds m_full_pass{0};
};

TEST_F(CrashSafety, KilledSyncLeavesAHealthyStoreAndWholeOutputs) {
  const int kills = env_int("SCHOLARD_CRASH_ITERATIONS", 20);
  const auto seed = static_cast<unsigned>(env_int("SCHOLARD_CRASH_SEED", static_cast<int>(std::random_device{}())));
  std::mt19937 rng(seed);
  // Kill anywhere from start-up to a little past a full pass's length (which
  // includes the process start, the fetch, the store writes and the renders).
  const long window = std::max<long>(50, static_cast<long>(m_full_pass.count()) * 6 / 5);
  std::uniform_int_distribution<long> when(0, window);
  std::printf("crash: seed %u, full pass %lld ms, %d kills in [0, %ld] ms\n", seed,
              static_cast<long long>(m_full_pass.count()), kills, window);

  int version = 1;
  int mixed_states = 0, temporaries = 0, finished_before_kill = 0;
  for (int i = 0; i < kills && !HasFailure(); ++i) {
    version = 1 - version;
    use_version(version);
    const pid_t pid = spawn_sync(*m_site);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(when(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status)) ++finished_before_kill;
    EXPECT_EQ(integrity_check(m_site->store()), "ok\n") << "kill " << i << " (seed " << seed << ")";
    const int b = check_outputs(i, &temporaries);
    if (b != 0 && b != 4) ++mixed_states;  // files of different versions side by side: allowed per file
  }
  std::printf("crash: %d kills, %d passes finished first, %d kills between two output writes, %d temp files left\n",
              kills, finished_before_kill, mixed_states, temporaries);

  // Whatever the kills left, a complete pass brings everything to the current version.
  auto final_pass = m_site->scholard({"sync", "--force"});
  ASSERT_EQ(final_pass.exit_code, 0) << final_pass.out << final_pass.err;
  EXPECT_EQ(visible_outputs(*m_site), version == 0 ? m_version_a : m_version_b);
  EXPECT_EQ(integrity_check(m_site->store()), "ok\n");
}

}  // namespace
}  // namespace scholard::testing
