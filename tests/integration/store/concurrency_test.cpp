// Two writer processes at once: no corruption, no lost batch, and a writer
// that cannot get the lock in time says who holds it.
#include <gtest/gtest.h>

#include "unit/store/store_test_util.hpp"
#include "batch_check.hpp"
#include "child_process.hpp"

namespace scholard::store {
namespace {

using namespace testing;
using std::chrono::milliseconds;

constexpr int k_papers = 20;

TEST(StoreConcurrency, TwoWritersInterleaveWithoutDamage) {
  TempDir dir;
  std::string path = (dir.path() / "both.db").string();
  constexpr long k_batches = 40;
  Child a({STORE_CRASH_WRITER, "write", path, std::to_string(k_papers), "1", std::to_string(k_batches), "20000", "a"});
  Child b({STORE_CRASH_WRITER, "write", path, std::to_string(k_papers), "1", std::to_string(k_batches), "20000", "b"});
  EXPECT_EQ(a.wait(), 0) << a.err();
  EXPECT_EQ(b.wait(), 0) << b.err();
  BatchCheck check = check_batches(path, k_papers);
  ASSERT_EQ(check.problem, "");
  EXPECT_EQ(check.batches["a"], k_batches);
  EXPECT_EQ(check.batches["b"], k_batches);
  EXPECT_TRUE(check.current_title == "a batch 40" || check.current_title == "b batch 40") << check.current_title;
}

TEST(StoreConcurrency, LoserReportsBusyNamingTheHolder) {
  TempDir dir;
  std::string path = (dir.path() / "held.db").string();
  core::FakeClock clock(t0());
  auto mine = Store::open(path, clock, {AccessMode::read_write, milliseconds(300), "scholard sync"});
  ASSERT_TRUE(mine) << mine.error().message;

  Child holder({STORE_CRASH_WRITER, "hold", path, "3000"});
  ASSERT_TRUE(holder.wait_for_line("locked", milliseconds(5000))) << holder.err();
  std::string expected = "another scholard (pid " + std::to_string(holder.pid()) +
                         ", `store_crash_writer hold`) is writing to " + path;

  // In this process...
  auto r = mine->reconcile_papers({paper("2305.16860", "2305.16860", "", 0)});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::busy);
  EXPECT_EQ(r.error().message, expected + "; gave up after 0.3 s");

  // ...and in another writer process.
  Child loser({STORE_CRASH_WRITER, "write", path, "2", "1", "1", "200", "x"});
  EXPECT_EQ(loser.wait(), 4) << loser.err();
  EXPECT_NE(loser.err().find("busy: " + expected + "; gave up after 0.2 s"), std::string::npos) << loser.err();

  // Readers are not held up meanwhile.
  auto reader = Store::open(path, clock, {AccessMode::read_only, milliseconds(100), "scholard list"});
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_TRUE(reader->list_papers());

  holder.kill(SIGKILL);  // a dead holder's flock is gone at once
  holder.wait();
  ASSERT_TRUE(mine->reconcile_papers({paper("2305.16860", "2305.16860", "", 0)}));
  EXPECT_EQ(check_batches(path, 1).problem, "");
}

}  // namespace
}  // namespace scholard::store
