// The RAII wrappers: binding, reading, transactions, error mapping.
#include "store/sqlite.hpp"

#include <gtest/gtest.h>

#include "store_test_util.hpp"

namespace scholard::store {
namespace {

Database memory_db() {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  EXPECT_TRUE(db) << db.error().message;
  EXPECT_TRUE(db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER)"));
  return std::move(*db);
}

TEST(Sqlite, BoundTextIsStoredVerbatimNeverAsSql) {
  Database db = memory_db();
  auto ins = db.prepare("INSERT INTO t (name, n) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  const std::string evil = "x'); DROP TABLE t; --";
  ASSERT_TRUE(ins->bind_all(evil, 7).run());
  auto sel = db.prepare("SELECT name, n FROM t WHERE name = ?");
  ASSERT_TRUE(sel);
  sel->bind(1, evil);
  auto row = sel->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(sel->column_text(0), evil);
  EXPECT_EQ(sel->column_int(1), 7);
}

TEST(Sqlite, EmptyStringIsNotNullAndNulloptIsNull) {
  Database db = memory_db();
  auto ins = db.prepare("INSERT INTO t (name, n) VALUES (?, ?)");
  ASSERT_TRUE(ins->bind(1, std::string_view()).bind(2, std::optional<std::int64_t>()).run());
  auto sel = db.prepare("SELECT name IS NULL, n IS NULL FROM t");
  ASSERT_TRUE(sel->step());
  EXPECT_EQ(sel->column_int(0), 0);
  EXPECT_EQ(sel->column_int(1), 1);
}

TEST(Sqlite, BindErrorSurfacesAtStep) {
  Database db = memory_db();
  auto ins = db.prepare("INSERT INTO t (name) VALUES (?)");
  ins->bind(5, std::int64_t{1});  // no parameter 5
  auto r = ins->step();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::io);
  EXPECT_NE(r.error().message.find("parameter 5"), std::string::npos);
}

TEST(Sqlite, PrepareErrorIsIo) {
  Database db = memory_db();
  auto s = db.prepare("SELECT nope FROM missing");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, core::ErrorCode::io);
  EXPECT_NE(s.error().message.find("missing"), std::string::npos);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  Database db = memory_db();
  {
    auto tx = Transaction::begin(db, TxKind::immediate);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db.exec("INSERT INTO t (name) VALUES ('lost')"));
  }
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM t"), 0);
  {
    auto tx = Transaction::begin(db, TxKind::deferred);
    ASSERT_TRUE(db.exec("INSERT INTO t (name) VALUES ('kept')"));
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM t"), 1);
}

TEST(Sqlite, SecondWriterGetsBusy) {
  testing::TempDir dir;
  std::string path = (dir.path() / "x.db").string();
  auto a = Database::open(path, OpenMode::read_write_create);
  auto b = Database::open(path, OpenMode::read_write_create);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x)"));
  b->set_busy_timeout(0);
  auto ta = Transaction::begin(*a, TxKind::immediate);
  ASSERT_TRUE(ta);
  auto tb = Transaction::begin(*b, TxKind::immediate);
  ASSERT_FALSE(tb);
  EXPECT_EQ(tb.error().code, core::ErrorCode::busy);
}

TEST(Sqlite, ReadOnlyConnectionCannotWrite) {
  testing::TempDir dir;
  std::string path = (dir.path() / "x.db").string();
  {
    auto w = Database::open(path, OpenMode::read_write_create);
    ASSERT_TRUE(w->exec("CREATE TABLE t (x)"));
  }
  auto r = Database::open(path, OpenMode::read_only);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->read_only());
  auto ins = r->exec("INSERT INTO t VALUES (1)");
  ASSERT_FALSE(ins);
  EXPECT_EQ(ins.error().code, core::ErrorCode::io);
}

}  // namespace
}  // namespace scholard::store
