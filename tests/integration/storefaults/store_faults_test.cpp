// The store under faults, end to end through the real scholard binary
// (issue 25, items 2, 3, 5, 8): a damaged store, a store made read-only and
// writable again, a full disk under the store, a read-only store folder.
//
// Disk-full cases mount a small tmpfs under the site, so they need root (and
// a kernel that lets this process mount); permission cases run scholard as
// the unprivileged user 65534 through setpriv, since root ignores modes.
// Each skips with the reason when its condition cannot be had.
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

constexpr uid_t k_nobody = 65534;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// What a message shown to a user must never carry: raw SQL or sqlite's
// catch-all for a full disk.
void expect_no_sql(const std::string& text) {
  for (const char* word : {"INSERT", "SELECT", "UPDATE ", "statement '", "SQL '", "disk I/O error"}) {
    EXPECT_FALSE(contains(text, word)) << word << " in: " << text;
  }
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

void chown_tree(const fs::path& root, uid_t uid) {
  ASSERT_EQ(::chown(root.c_str(), uid, uid), 0) << root << ": " << std::strerror(errno);
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    ASSERT_EQ(::lchown(e.path().c_str(), uid, uid), 0) << e.path() << ": " << std::strerror(errno);
  }
}

class StoreFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    m_site = std::make_unique<SeedSite>();
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
  }
  void TearDown() override {
    if (m_mounted) ::umount2(m_site->store().parent_path().c_str(), MNT_DETACH);
  }

  // `scholard --config CONFIG args...` as user 65534 (the site is theirs).
  CommandResult as_nobody(std::vector<std::string> args) const {
    std::vector<std::string> argv = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", SCHOLARD_BIN,
                                     "--config", m_site->config().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, {{"HOME", m_site->root().string()}});
  }

  // Skips unless scholard can be run as an unprivileged user; hands the site to them.
  bool become_nobody() {
    if (::geteuid() != 0) {
      m_skip = "permission cases run scholard as user 65534 through setpriv, which needs root";
      return false;
    }
    auto probe = run_command({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/true"});
    if (probe.exit_code != 0) {
      m_skip = "setpriv cannot run a command as user 65534 here: " + probe.err;
      return false;
    }
    chown_tree(m_site->root(), k_nobody);
    // The scratch root's parents must let 65534 through.
    for (fs::path p = m_site->root().parent_path(); p != p.parent_path(); p = p.parent_path()) {
      if ((mode_of(p) & 0001) == 0) {
        m_skip = p.string() + " is not searchable by other users";
        return false;
      }
    }
    return true;
  }

  // Mounts a tmpfs of `kib` KiB on the store's folder. Skips without root.
  bool mount_small_disk(int kib) {
    const fs::path folder = m_site->store().parent_path();
    fs::create_directories(folder);
    const std::string options = "size=" + std::to_string(kib) + "k,mode=0755";
    if (::geteuid() != 0 || ::mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      m_skip = std::string("disk-full cases mount a small tmpfs, which needs root: ") + std::strerror(errno);
      return false;
    }
    m_mounted = true;
    return true;
  }

  // Fills the store's disk: a file grows until the disk refuses a byte.
  void fill_disk() {
    const fs::path filler = m_site->store().parent_path() / "filler";
    std::FILE* f = std::fopen(filler.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::vector<char> block(4096, 'x');
    while (std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0) {
    }
    std::fclose(f);
    // What a 4 KiB block left: bytes one by one.
    f = std::fopen((filler.string() + "2").c_str(), "wb");
    if (f) {
      while (std::fputc('x', f) != EOF && std::fflush(f) == 0) {
      }
      std::fclose(f);
    }
  }

  void free_disk() {
    fs::remove(m_site->store().parent_path() / "filler");
    fs::remove(m_site->store().parent_path() / "filler2");
  }

  // A sync on a full disk: the store's failure (exit 3, named as such), not
  // a source's.
  void expect_store_write_failure(const CommandResult& r) const {
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "cannot write the store (disk full?): " + m_site->store().string())) << r.err;
    EXPECT_FALSE(contains(r.err, "scholard: arXiv:")) << r.err;
    EXPECT_FALSE(contains(r.err, "scholard: Crossref:")) << r.err;
    expect_no_sql(r.out + r.err);
  }

  std::unique_ptr<SeedSite> m_site;
  std::string m_skip;
  bool m_mounted = false;
};

// Item 5: a full disk under the store is the store's failure, exit 3, named
// as such (not an arXiv or Crossref failure), recorded for `status`; once
// there is room again a sync succeeds and `status` no longer says it.
TEST_F(StoreFaults, AFullDiskUnderTheStoreIsExit3AndStatusSaysSo) {
  if (!mount_small_disk(4096)) GTEST_SKIP() << m_skip;
  auto first = m_site->scholard({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string page_before = slurp_file(m_site->page());
  fill_disk();

  expect_store_write_failure(m_site->scholard({"sync", "--force"}));
  EXPECT_EQ(slurp_file(m_site->page()), page_before);

  free_disk();
  auto status = m_site->scholard({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_TRUE(contains(status.out, "Store write failed")) << status.out;
  EXPECT_TRUE(contains(status.out, "cannot write the store (disk full?)")) << status.out;

  auto again = m_site->scholard({"sync", "--force"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  status = m_site->scholard({"status"});
  EXPECT_FALSE(contains(status.out, "Store write failed")) << status.out;
}

// Item 5, the commit itself failing: room for opening the store but not for
// a pass's answers (the answers changed, so there is much to write).
TEST_F(StoreFaults, ACommitThatFindsTheDiskFullIsExit3NotASourceFailure) {
  if (!mount_small_disk(4096)) GTEST_SKIP() << m_skip;
  auto first = m_site->scholard({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  // Every arXiv title changes: each record and its history are rewritten.
  for (const auto& e : fs::directory_iterator(m_site->fixtures() / "arxiv")) {
    std::string text = slurp_file(e.path());
    replace_all(text, "<title>", "<title>Revised: ");
    std::ofstream(e.path(), std::ios::trunc) << text;
  }
  std::string error;
  ASSERT_TRUE(m_site->start_server(error, m_site->server()->port())) << error;  // it reads fixtures at start
  fill_disk();
  // Room for opening the store (the -shm file's pages, the run's row), not
  // for the answers: the sources are asked, and the commit of what they
  // said fails (with 48 KiB the open fails, with 256 KiB the pass fits).
  fs::remove(m_site->store().parent_path() / "filler2");
  const fs::path filler = m_site->store().parent_path() / "filler";
  fs::resize_file(filler, fs::file_size(filler) - 128 * 1024);

  expect_store_write_failure(m_site->scholard({"sync", "--force"}));
  EXPECT_FALSE(contains(slurp_file(m_site->page()), "Revised: ")) << "rendered answers the store did not take";
  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_GE(stats->arxiv.requests, 1) << "the store failed before the sources were asked: not the commit's case";

  free_disk();
  auto again = m_site->scholard({"sync", "--force"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(contains(slurp_file(m_site->page()), "Revised: "));
}

// Item 2: a store whose last page was cut short is refused (exit 3, saying
// what to do) by sync and the views, and `check` reports it.
TEST_F(StoreFaults, ADamagedStoreIsRefusedWithExit3AndCheckSaysSo) {
  auto first = m_site->scholard({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto size = fs::file_size(m_site->store());
  ASSERT_GT(size, 16384u * 4);
  fs::resize_file(m_site->store(), size - 8192);  // half of the last 16 KiB page

  auto sync = m_site->scholard({"sync", "--force"});
  EXPECT_EQ(sync.exit_code, 3) << sync.out << sync.err;
  EXPECT_TRUE(contains(sync.err, "is damaged")) << sync.err;
  EXPECT_TRUE(contains(sync.err, "mv " + m_site->store().string())) << sync.err;
  expect_no_sql(sync.err);
  EXPECT_FALSE(contains(sync.out, "changed")) << sync.out;

  auto list = m_site->scholard({"list"});
  EXPECT_EQ(list.exit_code, 3) << list.out << list.err;
  EXPECT_TRUE(contains(list.err, "is damaged")) << list.err;

  auto check = m_site->scholard({"check"});
  EXPECT_EQ(check.exit_code, 3) << check.out << check.err;
  EXPECT_TRUE(contains(check.out, "is damaged")) << check.out;

  // The documented way out: move it aside, sync rebuilds it.
  fs::rename(m_site->store(), m_site->store().string() + ".damaged");
  auto rebuilt = m_site->scholard({"sync"});
  EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.out << rebuilt.err;
}

// Item 2, the cheap path: an untouched store after a clean close is not
// checked again (its stamp matches), a store changed behind scholard's back
// is. Seen from outside through the lock file's stamp.
TEST_F(StoreFaults, ACleanCloseLeavesAStampTheNextOpenTrusts) {
  auto first = m_site->scholard({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string lock = slurp_file(m_site->store().string() + ".lock");
  ASSERT_EQ(lock.size(), 1024u);
  EXPECT_TRUE(contains(lock, "closed " + std::to_string(fs::file_size(m_site->store())) + " ")) << lock;
  auto again = m_site->scholard({"sync"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

// Item 3: a sync against a read-only store is refused before it leaves
// read-only -wal/-shm files; side files an older scholard left read-only
// are given the store's mode again once the store is writable; `check`
// tests real write access to the store and its folder.
TEST_F(StoreFaults, AStoreMadeWritableAgainIsUsableAgain) {
  if (!become_nobody()) GTEST_SKIP() << m_skip;
  const fs::path store = m_site->store();
  auto first = as_nobody({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;

  ASSERT_EQ(::chmod(store.c_str(), 0444), 0);
  auto refused = as_nobody({"sync", "--force"});
  EXPECT_EQ(refused.exit_code, 3) << refused.out << refused.err;
  EXPECT_TRUE(contains(refused.err, "cannot write the store " + store.string())) << refused.err;
  EXPECT_TRUE(contains(refused.err, "0444")) << refused.err;
  expect_no_sql(refused.err);
  EXPECT_FALSE(fs::exists(store.string() + "-wal"));
  EXPECT_FALSE(fs::exists(store.string() + "-shm"));
  auto check = as_nobody({"check"});
  EXPECT_EQ(check.exit_code, 3) << check.out << check.err;
  EXPECT_TRUE(contains(check.out, "FAIL")) << check.out;

  // What an older scholard left: side files as read-only as the store was.
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string side = store.string() + suffix;
    std::ofstream(side).close();
    ASSERT_EQ(::chown(side.c_str(), k_nobody, k_nobody), 0);
    ASSERT_EQ(::chmod(side.c_str(), 0444), 0);
  }
  ASSERT_EQ(::chmod(store.c_str(), 0600), 0);
  auto fixed = as_nobody({"sync", "--force"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  check = as_nobody({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  // The folder read-only: the store file is writable, but no -wal can be made.
  const fs::path folder = store.parent_path();
  ASSERT_EQ(::chmod(folder.c_str(), 0555), 0);
  check = as_nobody({"check"});
  EXPECT_EQ(check.exit_code, 3) << check.out << check.err;
  EXPECT_TRUE(contains(check.out, folder.string())) << check.out;
  ASSERT_EQ(::chmod(folder.c_str(), 0755), 0);
}

// Item 8: the read-only views work on a store in a folder the user cannot
// write (no -wal or -shm can be created there).
TEST_F(StoreFaults, ReadOnlyViewsWorkInAReadOnlyFolder) {
  if (!become_nobody()) GTEST_SKIP() << m_skip;
  auto first = as_nobody({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const fs::path folder = m_site->store().parent_path();
  ASSERT_FALSE(fs::exists(m_site->store().string() + "-wal")) << "a clean close removes the WAL";
  ASSERT_EQ(::chmod(m_site->store().c_str(), 0444), 0);
  ASSERT_EQ(::chmod(folder.c_str(), 0555), 0);
  for (std::vector<std::string> args : {std::vector<std::string>{"status"}, {"list"}, {"show", "2305.16860"},
                                        {"history"}, {"pending"}, {"list", "--json"}}) {
    auto r = as_nobody(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.out << r.err;
    EXPECT_FALSE(contains(r.err, "readonly")) << r.err;
  }
  auto list = as_nobody({"list"});
  EXPECT_TRUE(contains(list.out, "2305.16860")) << list.out;
  EXPECT_FALSE(fs::exists(m_site->store().string() + "-shm"));
  ASSERT_EQ(::chmod(folder.c_str(), 0755), 0);
}

}  // namespace
}  // namespace scholard::testing
