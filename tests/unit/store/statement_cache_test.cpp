// Database::cached(): one compiled statement per SQL text, handed back reset
// and unbound, correct across schema changes and past the Database's end.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/sqlite.hpp"
#include "store_test_util.hpp"

namespace scholard::store {
namespace {

constexpr const char* k_select = "SELECT id, name, n FROM t ORDER BY id";

Database filled_db() {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  EXPECT_TRUE(db) << db.error().message;
  EXPECT_TRUE(db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER);"
                       "INSERT INTO t (name, n) VALUES ('a', 1), ('b', 2), ('c', 3)"));
  return std::move(*db);
}

// Statements compiled on the connection, idle or in use.
int compiled(Database& db) {
  int n = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s; s = sqlite3_next_stmt(db.handle(), s)) ++n;
  return n;
}

TEST(StatementCache, SameSqlIsCompiledOnce) {
  Database db = filled_db();
  for (int i = 0; i < 100; ++i) {
    auto stmt = db.cached(k_select);
    ASSERT_TRUE(stmt) << stmt.error().message;
    auto row = stmt->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(stmt->column_text(1), "a");
  }
  EXPECT_EQ(compiled(db), 1);
  EXPECT_EQ(db.cached_statements(), 1u);
  auto other = db.cached("SELECT count(*) FROM t");
  ASSERT_TRUE(other);
  EXPECT_EQ(compiled(db), 2);
}

TEST(StatementCache, ReusedStatementHasNoBindingsLeft) {
  Database db = filled_db();
  constexpr const char* insert = "INSERT INTO t (name, n) VALUES (?, ?)";
  {
    auto stmt = db.cached(insert);
    ASSERT_TRUE(stmt);
    stmt->bind(1, "left").bind(2, std::int64_t{42});  // bound, never run
  }
  {
    auto stmt = db.cached(insert);
    ASSERT_TRUE(stmt);
    ASSERT_TRUE(stmt->bind(1, "d").run());  // parameter 2 not bound this time
  }
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM t WHERE name = 'd' AND n IS NULL"), 1);
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM t WHERE n = 42 OR name = 'left'"), 0);
  EXPECT_EQ(compiled(db), 1);
}

TEST(StatementCache, StatementLeftMidResultStartsOverAndHoldsNoReadLock) {
  Database db = filled_db();
  {
    auto stmt = db.cached(k_select);
    ASSERT_TRUE(stmt->step());
    ASSERT_TRUE(stmt->step());
    EXPECT_EQ(stmt->column_text(1), "b");
  }
  EXPECT_EQ(sqlite3_stmt_busy(sqlite3_next_stmt(db.handle(), nullptr)), 0);
  auto again = db.cached(k_select);
  auto row = again->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(again->column_text(1), "a");
}

TEST(StatementCache, TwoUsersOfOneSqlGetTwoStatements) {
  Database db = filled_db();
  {
    auto outer = db.cached(k_select);
    auto inner = db.cached(k_select);
    ASSERT_TRUE(outer && inner);
    ASSERT_TRUE(*outer->step());
    ASSERT_TRUE(*outer->step());
    ASSERT_TRUE(*inner->step());
    EXPECT_EQ(outer->column_text(1), "b");
    EXPECT_EQ(inner->column_text(1), "a");  // its own cursor
    EXPECT_EQ(compiled(db), 2);
  }
  EXPECT_EQ(db.cached_statements(), 1u);  // one kept, the other finalized
  EXPECT_EQ(compiled(db), 1);
}

TEST(StatementCache, SchemaChangeIsFollowed) {
  Database db = filled_db();
  {
    auto stmt = db.cached("SELECT * FROM t");
    ASSERT_TRUE(stmt->step());
    EXPECT_EQ(stmt->column_count(), 3);
  }
  ASSERT_TRUE(db.exec("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x'"));
  auto stmt = db.cached("SELECT * FROM t");
  auto row = stmt->step();
  ASSERT_TRUE(row && *row) << (row ? "" : row.error().message);
  EXPECT_EQ(stmt->column_count(), 4);
  EXPECT_EQ(stmt->column_text(3), "x");
}

TEST(StatementCache, MigrationsEmptyTheCacheAndStatementsWorkAfter) {
  auto db = Database::open(":memory:", OpenMode::read_write_create);
  ASSERT_TRUE(db);
  ASSERT_TRUE(migrate(*db, 1));
  {
    auto stmt = db->cached("SELECT count(*) FROM papers");
    ASSERT_TRUE(stmt && stmt->step());
  }
  EXPECT_GT(db->cached_statements(), 0u);
  ASSERT_EQ(*migrate(*db), k_schema_version);
  EXPECT_EQ(db->cached_statements(), 0u);
  auto meta = db->cached("SELECT count(*) FROM meta");  // a table of patch 2
  ASSERT_TRUE(meta) << meta.error().message;
  auto row = meta->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(meta->column_int(0), 0);
}

TEST(StatementCache, StatementMayOutliveItsDatabase) {
  std::optional<Statement> kept;
  {
    Database db = filled_db();
    Database moved = std::move(db);  // the cache moves with the connection
    auto stmt = moved.cached(k_select);
    ASSERT_TRUE(stmt);
    ASSERT_TRUE(*stmt->step());
    kept.emplace(std::move(*stmt));
  }
  // sqlite keeps the closed connection as a zombie until its last statement
  // is finalized; the statement is finalized, not cached (ASan/valgrind: no leak).
  kept.reset();
  EXPECT_FALSE(kept);
}

TEST(StatementCache, SqlBuiltFromDataDoesNotGrowTheCacheWithoutBound) {
  Database db = filled_db();
  for (int i = 0; i < 300; ++i) {
    auto stmt = db.cached("SELECT " + std::to_string(i));
    ASSERT_TRUE(stmt && stmt->step());
  }
  EXPECT_LE(db.cached_statements(), 128u);
  EXPECT_EQ(compiled(db), static_cast<int>(db.cached_statements()));
}

TEST(StatementCache, PrepareErrorIsReportedAndNothingIsCached) {
  Database db = filled_db();
  auto stmt = db.cached("SELECT nope FROM missing");
  ASSERT_FALSE(stmt);
  EXPECT_EQ(stmt.error().code, core::ErrorCode::io);
  EXPECT_EQ(db.cached_statements(), 0u);
  EXPECT_EQ(compiled(db), 0);
}

TEST(StatementCache, TransactionsUseCachedBeginAndCommit) {
  Database db = filled_db();
  for (int i = 0; i < 3; ++i) {
    auto tx = Transaction::begin(db, TxKind::immediate);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db.exec("INSERT INTO t (name) VALUES ('tx')"));
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_EQ(*db.query_int("SELECT count(*) FROM t WHERE name = 'tx'"), 3);
  EXPECT_EQ(compiled(db), 2);  // BEGIN IMMEDIATE, COMMIT
}

}  // namespace
}  // namespace scholard::store
