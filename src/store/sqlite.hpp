// Thin RAII wrappers over the sqlite3 C API: a connection (Database), a
// prepared statement (Statement) and a transaction guard (Transaction).
//
// Database::cached() hands out statements from a per-connection cache keyed
// by SQL text: compiling costs more than running most of the store's
// statements, and a sync runs the same few dozen thousands of times.
//
// This is the only header of the project that names sqlite3 types; everything
// above it speaks Result<T>. Values only ever reach SQL through bound
// parameters. Error mapping: SQLITE_BUSY / SQLITE_LOCKED -> ErrorCode::busy,
// every other failure -> ErrorCode::io. Messages name the store's file and
// never the SQL: a full disk is "cannot write the store (disk full?): PATH",
// a read-only file says so, a damaged one says what to do (repair_advice).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace scholard::store {

// immutable: read-only, and sqlite is told nobody changes the file (no -shm,
// no locks): for a store in a folder this process cannot write, where WAL
// mode could not create its -shm file.
enum class OpenMode { read_only, read_only_immutable, read_write_create };
enum class TxKind { deferred, immediate };

class Statement;
class StatementCache;

// What to do about a damaged store at `path`, as one clause for a message.
std::string repair_advice(const std::string& path);

class Database {
 public:
  Database() = default;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Opens (or creates, in read_write_create mode) the database at `path`;
  // ":memory:" gives a private in-memory database. Extended result codes are
  // on. Error: io (or busy) with sqlite's message and the path.
  static core::Result<Database> open(const std::string& path, OpenMode mode);

  // Runs one or more statements that take no parameters (schema scripts,
  // PRAGMAs, BEGIN/COMMIT). Error: io/busy naming the failing SQL's start.
  core::Result<void> exec(std::string_view sql);

  // Compiles one statement. Error: io with sqlite's message.
  core::Result<Statement> prepare(std::string_view sql);

  // The statement for `sql` from this connection's cache, compiled on first
  // use. When the returned Statement dies it is reset, its bindings cleared,
  // and it goes back to the cache (a second cached() of the same SQL while
  // the first is still out gets its own statement). A cached statement stays
  // valid across schema changes: sqlite recompiles it on its next step.
  // Statements still out when the Database closes are finalized when they die.
  // Error: io with sqlite's message (nothing is cached then).
  core::Result<Statement> cached(std::string_view sql);
  // Finalizes every idle cached statement (migrations call it after a patch).
  void clear_statement_cache();
  // Idle statements in the cache (for tests).
  std::size_t cached_statements() const;
  // Frees what memory the connection can (page cache, lookaside); the cache
  // refills on the next query. Cached statements are kept.
  void release_memory();

  // Runs a query expected to return one integer (e.g. "PRAGMA user_version").
  core::Result<std::int64_t> query_int(std::string_view sql);

  // Waits up to `ms` for another connection's lock before SQLITE_BUSY.
  void set_busy_timeout(int ms);

  std::int64_t last_insert_rowid() const;
  // Rows changed by the latest INSERT/UPDATE/DELETE.
  std::int64_t changes() const;
  bool read_only() const { return m_read_only; }
  // True when sqlite opened the file read-only, asked to or not (a
  // read_write_create open of a file it may not write falls back to reading).
  bool opened_read_only() const;
  const std::string& path() const { return m_path; }
  sqlite3* handle() const { return m_db; }

  // Builds the Error for the connection's latest failure `rc`.
  core::Error error(int rc, std::string_view context) const;

 private:
  void close();

  sqlite3* m_db = nullptr;
  std::string m_path;
  bool m_read_only = false;
  std::shared_ptr<StatementCache> m_cache;  // shared with the statements it lent out
};

// A prepared statement. Binding never fails loudly: the first bind error is
// remembered and returned by the next step()/run(), so call sites stay flat.
// Parameter indexes are 1-based as in sqlite; column indexes are 0-based.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  // The text is copied by sqlite (SQLITE_TRANSIENT): the view may die after.
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::optional<std::int64_t> value);
  Statement& bind_null(int index);
  // A BLOB (copied, as text is); "" binds a zero-length blob, not NULL.
  Statement& bind_blob(int index, std::string_view bytes);
  // Text / BLOB that sqlite reads in place, without a copy (SQLITE_STATIC):
  // the bytes must stay alive and unchanged until the statement is stepped
  // to its end (run()) or bound again. For the store's hot writes.
  Statement& bind_unowned(int index, std::string_view value);
  Statement& bind_unowned_blob(int index, std::string_view bytes);

  // Binds every argument in order, starting at parameter 1.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Advances: true when a row is available, false when done. Error: io/busy.
  core::Result<bool> step();
  // Steps to completion, ignoring rows (INSERT/UPDATE/DELETE), then resets.
  core::Result<void> run();
  // Clears bindings and rewinds so the statement can be reused.
  void reset();
  // Result columns (e.g. of "SELECT *", which follows schema changes).
  int column_count() const;

  std::int64_t column_int(int col) const;
  std::optional<std::int64_t> column_opt_int(int col) const;  // nullopt for NULL
  std::string column_text(int col) const;                     // "" for NULL
  // The column's bytes as sqlite holds them ("" for NULL); valid until the
  // next step(), reset() or column call on this column.
  std::string_view column_blob(int col) const;
  bool column_is_null(int col) const;

 private:
  friend class Database;
  explicit Statement(sqlite3_stmt* stmt) : m_stmt(stmt) {}
  Statement(sqlite3_stmt* stmt, std::shared_ptr<StatementCache> home) : m_stmt(stmt), m_home(std::move(home)) {}
  Statement& note_bind(int rc, int index);
  void release();  // back to the cache, or finalized

  sqlite3_stmt* m_stmt = nullptr;
  std::shared_ptr<StatementCache> m_home;  // set for statements from Database::cached()
  int m_bind_rc = 0;  // first failed bind's result code (0 = SQLITE_OK), reported by step()
  int m_bind_index = 0;
};

// Begins a transaction on construction (via begin()); rolls it back in the
// destructor unless commit() succeeded. Not copyable; must not outlive the
// Database it was begun on.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // BEGIN (deferred) or BEGIN IMMEDIATE (takes the write lock at once, waiting
  // up to the busy timeout). Error: busy when another writer holds it, else io.
  static core::Result<Transaction> begin(Database& db, TxKind kind);
  // COMMIT. Error: io/busy; the transaction is then rolled back by the destructor.
  core::Result<void> commit();

 private:
  explicit Transaction(Database* db) : m_db(db) {}
  Database* m_db = nullptr;
};

}  // namespace scholard::store
