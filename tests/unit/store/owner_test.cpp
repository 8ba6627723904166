// Which config a store serves: the owner recorded in meta, refusals,
// --adopt-store, the legacy shared default, and the waiting writer's notice.
#include "store/owner.hpp"

#include <unistd.h>

#include <fstream>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/store.hpp"
#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;
using ::testing::HasSubstr;
using std::chrono::milliseconds;

const std::string k_a = "/home/ada/alpha/scholard.toml";
const std::string k_b = "/home/ada/beta/scholard.toml";

StoreOptions as(const std::string& owner, AccessMode mode = AccessMode::read_write,
                OwnerPolicy policy = OwnerPolicy::check) {
  StoreOptions o;
  o.mode = mode;
  o.lock_timeout = milliseconds(200);
  o.owner = owner;
  o.owner_policy = policy;
  return o;
}

std::optional<std::string> recorded_owner(const std::string& path) {
  auto owner = read_store_owner(path);
  EXPECT_TRUE(owner) << owner.error().message;
  return owner ? *owner : std::nullopt;
}

TEST(StoreOwner, TheFirstWriterIsRecordedSilently) {
  TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  core::FakeClock clock(t0());
  auto s = Store::open(path, clock, as(k_a));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->owner_note().kind, OwnerNote::Kind::none);  // a new store: nothing to say
  EXPECT_EQ(s->get_meta(std::string(k_owner_key)).value(), k_a);
  EXPECT_EQ(recorded_owner(path), k_a);
}

TEST(StoreOwner, AnotherConfigIsRefusedForWritingAndReading) {
  TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  core::FakeClock clock(t0());
  ASSERT_TRUE(Store::open(path, clock, as(k_a)));
  for (auto mode : {AccessMode::read_write, AccessMode::read_only}) {
    auto s = Store::open(path, clock, as(k_b, mode));
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, core::ErrorCode::unsupported);
    EXPECT_THAT(s.error().message, HasSubstr("store " + path + " belongs to the config " + k_a + ", not to " + k_b));
    EXPECT_THAT(s.error().message, HasSubstr("`scholard --adopt-store sync`"));
  }
  EXPECT_EQ(recorded_owner(path), k_a);  // unchanged
}

TEST(StoreOwner, AdoptTakesItOverWhenWritingAndOnlyReadsWhenReading) {
  TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  core::FakeClock clock(t0());
  ASSERT_TRUE(Store::open(path, clock, as(k_a)));
  {
    auto reader = Store::open(path, clock, as(k_b, AccessMode::read_only, OwnerPolicy::adopt));
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ(reader->owner_note().kind, OwnerNote::Kind::foreign_read);
    EXPECT_EQ(reader->owner_note().previous, k_a);
  }
  EXPECT_EQ(recorded_owner(path), k_a);
  auto writer = Store::open(path, clock, as(k_b, AccessMode::read_write, OwnerPolicy::adopt));
  ASSERT_TRUE(writer) << writer.error().message;
  EXPECT_EQ(writer->owner_note().kind, OwnerNote::Kind::taken_over);
  EXPECT_EQ(writer->owner_note().previous, k_a);
  EXPECT_THAT(describe_owner_note(writer->owner_note(), path, k_b),
              HasSubstr("now belongs to " + k_b + " (--adopt-store); " + k_a + " can no longer use it"));
  EXPECT_EQ(recorded_owner(path), k_b);
  EXPECT_FALSE(Store::open(path, clock, as(k_a)));
  EXPECT_TRUE(Store::open(path, clock, as(k_b)));
}

TEST(StoreOwner, AnOwnerlessStoreIsClaimedByTheFirstWriterAndOnlyReadBeforeThat) {
  TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  core::FakeClock clock(t0());
  ASSERT_TRUE(Store::open(path, clock));  // an older scholard: no owner
  EXPECT_EQ(recorded_owner(path), std::nullopt);
  {
    auto reader = Store::open(path, clock, as(k_b, AccessMode::read_only));
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ(reader->owner_note().kind, OwnerNote::Kind::unowned);
  }
  EXPECT_EQ(recorded_owner(path), std::nullopt);
  auto s = Store::open(path, clock, as(k_a));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->owner_note().kind, OwnerNote::Kind::claimed);
  EXPECT_THAT(describe_owner_note(s->owner_note(), path, k_a), HasSubstr("it now belongs to " + k_a));
  EXPECT_EQ(recorded_owner(path), k_a);
}

TEST(StoreOwner, AnotherConfigsOldStoreIsRefusedBeforeAnyMigration) {
  TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  {
    auto db = Database::open(path, OpenMode::read_write_create);
    ASSERT_TRUE(db);
    ASSERT_TRUE(migrate(*db, 2));
    ASSERT_TRUE(db->exec("INSERT INTO meta (key, value) VALUES ('config_file', '" + k_a + "')"));
  }
  core::FakeClock clock(t0());
  auto s = Store::open(path, clock, as(k_b));
  ASSERT_FALSE(s);
  auto db = Database::open(path, OpenMode::read_only);
  ASSERT_TRUE(db);
  EXPECT_EQ(schema_version(*db).value(), 2);
}

TEST(StoreOwner, StoresWithoutAnOwnerOptionAreNotChecked) {
  TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  core::FakeClock clock(t0());
  ASSERT_TRUE(Store::open(path, clock, as(k_a)));
  EXPECT_TRUE(Store::open(path, clock));  // tests and tools name no owner
  EXPECT_TRUE(Store::open(":memory:", clock, as(k_a)));
}

TEST(StoreOwner, ReadingTheOwnerOfWhatIsNotAStore) {
  TempDir dir;
  const std::string garbage = (dir.path() / "garbage.db").string();
  { std::ofstream(garbage) << "this is not a database, just some text that is long enough to have a header\n"; }
  auto owner = read_store_owner(garbage);
  ASSERT_FALSE(owner);
  EXPECT_EQ(owner.error().code, core::ErrorCode::unsupported);
  EXPECT_THAT(owner.error().message, HasSubstr("is not a scholard store"));
  auto missing = read_store_owner((dir.path() / "none.db").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::not_found);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "none.db"));
}

TEST(LegacyStore, IsUsedInPlaceByItsOwnerOrByTheFirstConfigAndNeverByAnother) {
  TempDir dir;
  const std::string legacy = (dir.path() / "scholard.db").string();
  const std::string mine_a = (dir.path() / "alpha-1.db").string();
  const std::string mine_b = (dir.path() / "beta-2.db").string();
  // No legacy store: the config's own path.
  EXPECT_EQ(choose_store_path(mine_a, legacy, k_a), mine_a);
  core::FakeClock clock(t0());
  ASSERT_TRUE(Store::open(legacy, clock));  // made by an older scholard
  EXPECT_EQ(choose_store_path(mine_a, legacy, k_a), legacy);
  EXPECT_EQ(choose_store_path(mine_a, "", k_a), mine_a);
  {
    auto a = Store::open(mine_a, clock, [&mine_a] {
      auto o = as(k_a);
      o.legacy_path = (std::filesystem::path(mine_a).parent_path() / "scholard.db").string();
      return o;
    }());
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->path(), legacy);
    EXPECT_EQ(a->owner_note().kind, OwnerNote::Kind::claimed);
  }
  EXPECT_FALSE(std::filesystem::exists(mine_a));
  EXPECT_EQ(choose_store_path(mine_a, legacy, k_a), legacy);
  EXPECT_EQ(choose_store_path(mine_b, legacy, k_b), mine_b);  // A's now
  // Once a config has its own file, that is its store.
  { std::ofstream(mine_a) << ""; }
  EXPECT_EQ(choose_store_path(mine_a, legacy, k_a), mine_a);
  // A legacy file that is not a store is nobody's cache.
  { std::ofstream(legacy, std::ios::trunc) << "not a database at all, but long enough to look at the header"; }
  EXPECT_EQ(choose_store_path(mine_b, legacy, k_b), mine_b);
}

TEST(WriterLockNotice, AWaitingWriterIsToldAtOnceWhoHoldsTheLock) {
  TempDir dir;
  const std::string lock_path = (dir.path() / "s.db.lock").string();
  auto first = WriterLock::acquire(lock_path, "/x/s.db", "scholard sync", milliseconds(100));
  ASSERT_TRUE(first);
  std::vector<LockHolder> told;
  const auto start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::duration told_after{};
  auto second = WriterLock::acquire(lock_path, "/x/s.db", "scholard add", milliseconds(300),
                                    [&](const LockHolder& h) {
                                      told.push_back(h);
                                      told_after = std::chrono::steady_clock::now() - start;
                                    });
  ASSERT_FALSE(second);
  ASSERT_EQ(told.size(), 1u);  // once, not per poll
  EXPECT_EQ(told[0].pid, ::getpid());
  EXPECT_EQ(told[0].command, "scholard sync");
  EXPECT_LT(told_after, milliseconds(100));
  // A free lock is taken without a word.
  first = tl::unexpected(core::Error{});
  told.clear();
  EXPECT_TRUE(WriterLock::acquire(lock_path, "/x/s.db", "scholard add", milliseconds(100),
                                  [&](const LockHolder& h) { told.push_back(h); }));
  EXPECT_TRUE(told.empty());
}

TEST(WriterLockNotice, StoreOptionsReachTheLock) {
  TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  core::FakeClock clock(t0());
  auto a = Store::open(path, clock, as(k_a));
  ASSERT_TRUE(a);
  auto guard = a->lock_for_writing();
  ASSERT_TRUE(guard);
  int told = 0;
  auto options = as(k_a);
  options.on_lock_wait = [&told](const LockHolder&) { ++told; };
  auto b = Store::open(path, clock, options);
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, core::ErrorCode::busy);
  EXPECT_EQ(told, 1);
}

}  // namespace
}  // namespace scholard::store
