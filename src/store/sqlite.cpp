#include "store/sqlite.hpp"

#include <climits>
#include <utility>

#include <sqlite3.h>

namespace scholard::store {

using core::ErrorCode;
using core::Result;

namespace {

// The primary result code decides what the caller can do about a failure.
ErrorCode code_for(int rc) {
  int primary = rc & 0xff;
  return (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? ErrorCode::busy : ErrorCode::io;
}

// Builds the Error for a failure `rc` on connection `db` (which may be null).
core::Error make_error(sqlite3* db, int rc, std::string_view context) {
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  std::string where = (file && *file) ? file : ":memory:";
  return core::Error{code_for(rc), std::string(context) + ": " + msg + " (" + where + ")"};
}

int to_int_size(std::size_t n) { return n > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(n); }

}  // namespace

// ---------------------------------------------------------------- Database

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_read_only(other.m_read_only) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (m_db) sqlite3_close_v2(m_db);
    m_db = std::exchange(other.m_db, nullptr);
    m_path = std::move(other.m_path);
    m_read_only = other.m_read_only;
  }
  return *this;
}

Database::~Database() {
  if (m_db) sqlite3_close_v2(m_db);
}

Result<Database> Database::open(const std::string& path, OpenMode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  Database db;
  db.m_path = path;
  db.m_read_only = mode == OpenMode::read_only;
  int rc = sqlite3_open_v2(path.c_str(), &db.m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db.m_db ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc);
    return core::fail(code_for(rc), "cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db.m_db, 1);
  return db;
}

core::Error Database::error(int rc, std::string_view context) const { return make_error(m_db, rc, context); }

Result<void> Database::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    std::string head(sql.substr(0, 40));
    return core::fail(code_for(rc), "SQL '" + head + "...' failed: " + msg + " (" + m_path + ")");
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql.data(), to_int_size(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return tl::unexpected(error(rc, "cannot prepare '" + std::string(sql.substr(0, 60)) + "'"));
  }
  return Statement(stmt);
}

Result<std::int64_t> Database::query_int(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return core::fail(ErrorCode::io, "query returned no row: " + std::string(sql));
  return stmt->column_int(0);
}

void Database::set_busy_timeout(int ms) { sqlite3_busy_timeout(m_db, ms); }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }

std::int64_t Database::changes() const { return sqlite3_changes64(m_db); }

// ---------------------------------------------------------------- Statement

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_bind_rc(std::exchange(other.m_bind_rc, 0)),
      m_bind_index(other.m_bind_index) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (m_stmt) sqlite3_finalize(m_stmt);
    m_stmt = std::exchange(other.m_stmt, nullptr);
    m_bind_rc = std::exchange(other.m_bind_rc, 0);
    m_bind_index = other.m_bind_index;
  }
  return *this;
}

Statement::~Statement() {
  if (m_stmt) sqlite3_finalize(m_stmt);
}

Statement& Statement::note_bind(int rc, int index) {
  if (rc != SQLITE_OK && m_bind_rc == SQLITE_OK) {
    m_bind_rc = rc;
    m_bind_index = index;
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  return note_bind(sqlite3_bind_int64(m_stmt, index, value), index);
}

Statement& Statement::bind(int index, std::string_view value) {
  // A non-null pointer even for "" so the value is '' and never NULL.
  const char* data = value.data() ? value.data() : "";
  return note_bind(sqlite3_bind_text64(m_stmt, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) { return note_bind(sqlite3_bind_null(m_stmt, index), index); }

Result<bool> Statement::step() {
  if (m_bind_rc != SQLITE_OK) {
    int rc = std::exchange(m_bind_rc, SQLITE_OK);
    return tl::unexpected(make_error(sqlite3_db_handle(m_stmt), rc, "cannot bind parameter " + std::to_string(m_bind_index)));
  }
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  core::Error e = make_error(sqlite3_db_handle(m_stmt), rc, "statement '" + std::string(sqlite3_sql(m_stmt)).substr(0, 60) + "' failed");
  sqlite3_reset(m_stmt);
  return tl::unexpected(std::move(e));
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      reset();
      return tl::unexpected(row.error());
    }
    if (!*row) break;
  }
  reset();
  return {};
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
  m_bind_rc = SQLITE_OK;
}

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(m_stmt, col); }

std::optional<std::int64_t> Statement::column_opt_int(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_int(col);
}

std::string Statement::column_text(int col) const {
  const unsigned char* text = sqlite3_column_text(m_stmt, col);
  if (!text) return {};
  int n = sqlite3_column_bytes(m_stmt, col);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(n));
}

bool Statement::column_is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

// ---------------------------------------------------------------- Transaction

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction::~Transaction() {
  // A failed COMMIT or an early return leaves the transaction open: undo it.
  if (m_db && !sqlite3_get_autocommit(m_db)) {
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Result<Transaction> Transaction::begin(Database& db, TxKind kind) {
  auto ok = db.exec(kind == TxKind::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!ok) return tl::unexpected(ok.error());
  return Transaction(db.handle());
}

Result<void> Transaction::commit() {
  if (!m_db) return core::fail(ErrorCode::io, "commit on a finished transaction");
  int rc = sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(make_error(m_db, rc, "COMMIT failed"));
  m_db = nullptr;
  return {};
}

}  // namespace scholard::store
