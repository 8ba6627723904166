// The writer lock and reader/writer separation, within one process.
#include "store/writer_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;
using std::chrono::milliseconds;

TEST(WriterLock, FormatsTimeouts) {
  EXPECT_EQ(format_timeout(milliseconds(30'000)), "30 s");
  EXPECT_EQ(format_timeout(milliseconds(200)), "0.2 s");
}

TEST(WriterLock, SecondHolderGivesUpNamingTheFirst) {
  TempDir dir;
  std::string lock_path = (dir.path() / "s.db.lock").string();
  auto first = WriterLock::acquire(lock_path, "/x/s.db", "scholard daemon", milliseconds(100));
  ASSERT_TRUE(first) << first.error().message;
  auto holder = read_lock_holder(lock_path);
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->pid, ::getpid());
  EXPECT_EQ(holder->command, "scholard daemon");

  auto start = std::chrono::steady_clock::now();
  auto second = WriterLock::acquire(lock_path, "/x/s.db", "scholard sync", milliseconds(200));
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, core::ErrorCode::busy);
  EXPECT_EQ(second.error().message, "another scholard (pid " + std::to_string(::getpid()) +
                                        ", `scholard daemon`) is writing to /x/s.db; gave up after 0.2 s");
  EXPECT_GE(waited, milliseconds(200));
  // Giving up must not erase the holder's record.
  EXPECT_EQ(read_lock_holder(lock_path)->pid, ::getpid());
  EXPECT_EQ(read_lock_holder(lock_path)->command, "scholard daemon");
}

TEST(WriterLock, ReleasedLockCanBeRetakenAndLeavesNoHolder) {
  TempDir dir;
  std::string lock_path = (dir.path() / "s.db.lock").string();
  { auto a = WriterLock::acquire(lock_path, "db", "one", milliseconds(0)); ASSERT_TRUE(a); }
  EXPECT_EQ(read_lock_holder(lock_path)->pid, 0);
  auto b = WriterLock::acquire(lock_path, "db", "two", milliseconds(0));
  ASSERT_TRUE(b);
}

// The message names the process the kernel says holds the lock, not the pid
// a lock file claims: here a child holds the flock under a record naming a
// process that does not exist.
TEST(WriterLock, GivingUpNamesTheProcessReallyHoldingTheLock) {
  TempDir dir;
  std::string lock_path = (dir.path() / "s.db.lock").string();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT, 0600);
    if (fd < 0 || ::flock(fd, LOCK_EX) != 0) ::_exit(1);
    const std::string record = "999999\tscholard ghost\n";
    if (::pwrite(fd, record.data(), record.size(), 0) < 0) ::_exit(1);
    if (::write(ready[1], "x", 1) != 1) ::_exit(1);
    ::pause();
    ::_exit(0);
  }
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  auto second = WriterLock::acquire(lock_path, "/x/s.db", "scholard sync", milliseconds(50));
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("pid " + std::to_string(child)), std::string::npos) << second.error().message;
  EXPECT_EQ(second.error().message.find("999999"), std::string::npos) << second.error().message;
  EXPECT_EQ(second.error().message.find("ghost"), std::string::npos) << second.error().message;
}

// The notebook's regions are independent and survive the holder's release;
// the file keeps its size, so a later record needs no new disk block.
TEST(WriterLock, KeepsTheCleanCloseStampAndTheFailureNote) {
  TempDir dir;
  std::string lock_path = (dir.path() / "s.db.lock").string();
  {
    auto lock = WriterLock::acquire(lock_path, "db", "one", milliseconds(0));
    ASSERT_TRUE(lock);
    lock->record_clean_close(CleanClose{12345, 678});
    lock->record_failure(FailureNote{1700000000, "cannot write the store (disk full?): /x/s.db"});
  }
  EXPECT_EQ(std::filesystem::file_size(lock_path), 1024u);
  EXPECT_EQ(read_lock_holder(lock_path)->pid, 0);
  ASSERT_TRUE(read_clean_close(lock_path));
  EXPECT_EQ(*read_clean_close(lock_path), (CleanClose{12345, 678}));
  auto note = read_failure_note(lock_path);
  ASSERT_TRUE(note);
  EXPECT_EQ(note->at, 1700000000);
  EXPECT_EQ(note->message, "cannot write the store (disk full?): /x/s.db");
  {
    auto lock = WriterLock::acquire(lock_path, "db", "two", milliseconds(0));
    ASSERT_TRUE(lock);
    lock->record_clean_close(std::nullopt);
    lock->record_failure(std::nullopt);
  }
  EXPECT_FALSE(read_clean_close(lock_path));
  EXPECT_FALSE(read_failure_note(lock_path));
  EXPECT_EQ(std::filesystem::file_size(lock_path), 1024u);
}

TEST(StoreLocking, WriterGuardBlocksOtherWritersUntilReleased) {
  TempDir dir;
  std::string path = (dir.path() / "scholard.db").string();
  core::FakeClock clock(t0());
  auto a = Store::open(path, clock, {AccessMode::read_write, milliseconds(1000), "scholard daemon"});
  auto b = Store::open(path, clock, {AccessMode::read_write, milliseconds(100), "scholard sync"});
  ASSERT_TRUE(a && b);
  {
    auto guard = a->lock_for_writing();
    ASSERT_TRUE(guard);
    ASSERT_TRUE(a->set_meta("x", "1"));  // re-entrant within the holder
    auto r = b->set_meta("x", "2");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::ErrorCode::busy);
    EXPECT_NE(r.error().message.find("`scholard daemon`) is writing to " + path + "; gave up after 0.1 s"),
              std::string::npos)
        << r.error().message;
  }
  ASSERT_TRUE(b->set_meta("x", "2"));
  EXPECT_EQ(**a->get_meta("x"), "2");
}

TEST(StoreLocking, ReadersDoNotWaitForAWriterAndSeeOnlyCommits) {
  TempDir dir;
  std::string path = (dir.path() / "scholard.db").string();
  core::FakeClock clock(t0());
  auto writer = Store::open(path, clock);
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->reconcile_papers({paper("2305.16860", "2305.16860", "", 0)}));
  auto reader = Store::open(path, clock, {AccessMode::read_only, milliseconds(100), "scholard list"});
  ASSERT_TRUE(reader) << reader.error().message;

  auto guard = writer->lock_for_writing();
  Database& wdb = writer->database();
  ASSERT_TRUE(wdb.exec("BEGIN IMMEDIATE"));
  ASSERT_TRUE(wdb.exec("INSERT INTO papers (key, position, added_at) VALUES ('uncommitted', 1, 0)"));
  auto start = std::chrono::steady_clock::now();
  auto list = reader->list_papers();
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(500));
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].key, "2305.16860");
  ASSERT_TRUE(wdb.exec("COMMIT"));
  EXPECT_EQ(reader->list_papers()->size(), 2u);
}

}  // namespace
}  // namespace scholard::store

namespace scholard::store {
namespace {

using namespace testing;

// A statement left mid-result during a batch once kept every checkpoint from
// running: the WAL grew without bound and the main file stayed empty.
TEST(StoreFiles, WalIsCheckpointedDuringLongWrites) {
  TempDir dir;
  std::string path = (dir.path() / "scholard.db").string();
  core::FakeClock clock(t0());
  auto s = Store::open(path, clock);
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->database().exec("PRAGMA wal_autocheckpoint = 50"));  // 200 KiB: keeps the test quick
  constexpr int k_papers = 600;
  std::vector<ConfigPaper> papers;
  for (int i = 0; i < k_papers; ++i) papers.push_back(paper("p" + std::to_string(i), "", "", i));
  ASSERT_TRUE(s->reconcile_papers(papers));
  for (int start = 0; start < k_papers; start += 100) {
    std::vector<FetchResult> batch;
    for (int i = start; i < start + 100; ++i) {
      core::Record r = arxiv_record();
      r.summary = std::string(2000, 'x');
      batch.push_back(ok_result("p" + std::to_string(i), r));
    }
    ASSERT_TRUE(s->write_fetches(batch));
  }
  EXPECT_GT(std::filesystem::file_size(path), 1u << 20);  // ~1.3 MB were written
  EXPECT_LE(std::filesystem::file_size(path + "-wal"), 1u << 20);
}

}  // namespace
}  // namespace scholard::store
