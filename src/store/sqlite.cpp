#include "store/sqlite.hpp"

#include <cerrno>
#include <climits>
#include <cstring>
#include <map>
#include <utility>

#include <sqlite3.h>

namespace scholard::store {

using core::ErrorCode;
using core::Result;

namespace {

constexpr std::string_view k_memory_name = ":memory:";

// The primary result code decides what the caller can do about a failure.
ErrorCode code_for(int rc) {
  int primary = rc & 0xff;
  return (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? ErrorCode::busy : ErrorCode::io;
}

// The file a connection is about (":memory:" for none).
std::string file_of(sqlite3* db) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  return (file && *file) ? file : std::string(k_memory_name);
}

// What a failure `rc` on the store at `where` means for its user, without SQL
// (statements are the store's business, not the reader's): a full disk, a
// read-only file, a damaged file, or sqlite's own words. `context` only
// prefixes the generic case.
std::string describe_failure(sqlite3* db, int rc, std::string_view context, const std::string& where) {
  const int primary = rc & 0xff;
  const int sys = db ? sqlite3_system_errno(db) : 0;
  if (primary == SQLITE_FULL || (primary == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT))) {
    return "cannot write the store (disk full?): " + where;
  }
  if (primary == SQLITE_READONLY) {
    return "cannot write the store " + where +
           ": it is read-only (its file, its -wal/-shm files or its folder; check their modes and owner)";
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    return "the store " + where + " is damaged (" + sqlite3_errstr(rc) + "); " + repair_advice(where);
  }
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (primary == SQLITE_IOERR && sys != 0) msg += " (" + std::string(std::strerror(sys)) + ")";
  std::string head = context.empty() ? std::string("store ") + where : std::string(context) + " (" + where + ")";
  return head + ": " + msg;
}

// Builds the Error for a failure `rc` on connection `db` (which may be null).
core::Error make_error(sqlite3* db, int rc, std::string_view context) {
  return core::Error{code_for(rc), describe_failure(db, rc, context, file_of(db))};
}

int to_int_size(std::size_t n) { return n > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(n); }

// Past this many distinct SQL texts, statements are finalized instead of kept:
// the store uses a few dozen, so more means SQL built from data.
constexpr std::size_t k_cache_limit = 128;

}  // namespace

std::string repair_advice(const std::string& path) {
  return "stop scholard (the daemon or timer), move it aside with `mv " + path + " " + path +
         ".damaged` (and its -wal and -shm files), then `scholard sync` rebuilds it from the sources "
         "(docs/reliability.md, \"A damaged store\")";
}

// ---------------------------------------------------------------- StatementCache

// Idle compiled statements of one connection, one per SQL text. Shared by the
// Database and the statements it lent out, so a statement that outlives its
// Database still has somewhere to go (it is finalized there).
class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { clear(); }

  // An idle statement for `sql`, taken out of the cache; nullptr when none.
  sqlite3_stmt* take(std::string_view sql) {
    auto it = m_idle.find(sql);
    if (it == m_idle.end() || it->second == nullptr) return nullptr;
    return std::exchange(it->second, nullptr);
  }

  // A statement coming back: rewound and unbound, then kept unless the cache
  // is closed, full, or already holds one for the same SQL.
  void give_back(sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (m_closed) {
      sqlite3_finalize(stmt);
      return;
    }
    std::string_view sql = sqlite3_sql(stmt);
    auto it = m_idle.find(sql);
    if (it == m_idle.end() && m_idle.size() < k_cache_limit) it = m_idle.emplace(std::string(sql), nullptr).first;
    if (it == m_idle.end() || it->second != nullptr) {
      sqlite3_finalize(stmt);
      return;
    }
    it->second = stmt;
  }

  void clear() {
    for (auto& [sql, stmt] : m_idle) {
      if (stmt) sqlite3_finalize(stmt);
    }
    m_idle.clear();
  }

  // The connection is closing: finalize what is idle, and what comes back later.
  void close() {
    clear();
    m_closed = true;
  }

  std::size_t idle() const {
    std::size_t n = 0;
    for (const auto& entry : m_idle) n += entry.second != nullptr;
    return n;
  }

 private:
  std::map<std::string, sqlite3_stmt*, std::less<>> m_idle;
  bool m_closed = false;
};

// ---------------------------------------------------------------- Database

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_path(std::move(other.m_path)),
      m_read_only(other.m_read_only),
      m_cache(std::move(other.m_cache)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    m_db = std::exchange(other.m_db, nullptr);
    m_path = std::move(other.m_path);
    m_read_only = other.m_read_only;
    m_cache = std::move(other.m_cache);
  }
  return *this;
}

Database::~Database() { close(); }

void Database::close() {
  // Idle statements are finalized now; lent-out ones when they come back.
  // close_v2 keeps the connection alive until the last one is finalized.
  if (m_cache) m_cache->close();
  m_cache.reset();
  if (m_db) sqlite3_close_v2(m_db);
  m_db = nullptr;
}

namespace {

// Process-wide settings, made once before the first connection opens (after
// sqlite has initialised, sqlite3_config fails and changes nothing).
// MEMSTATUS off: sqlite otherwise takes a global mutex and updates counters
// on every allocation (a first sync makes some 50 per stored record), and
// the store never reads those counters.
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

namespace {

// `path` as a file: URI ("?", "#" and "%" escaped) with immutable=1.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '?' || c == '#' || c == '%' || c < 0x20 || c >= 0x7f) {
      static constexpr char k_hex[] = "0123456789ABCDEF";
      uri += '%';
      uri += k_hex[c >> 4];
      uri += k_hex[c & 15];
    } else {
      uri += ch;
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

Result<Database> Database::open(const std::string& path, OpenMode mode) {
  configure_sqlite_once();
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= mode == OpenMode::read_write_create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
  const bool immutable = mode == OpenMode::read_only_immutable;
  if (immutable) flags |= SQLITE_OPEN_URI;
  Database db;
  db.m_path = path;
  db.m_read_only = mode != OpenMode::read_write_create;
  int rc = sqlite3_open_v2(immutable ? immutable_uri(path).c_str() : path.c_str(), &db.m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db.m_db ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc);
    return core::fail(code_for(rc), "cannot open the store " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db.m_db, 1);
  db.m_cache = std::make_shared<StatementCache>();
  return db;
}

bool Database::opened_read_only() const { return m_db != nullptr && sqlite3_db_readonly(m_db, "main") == 1; }

core::Error Database::error(int rc, std::string_view context) const { return make_error(m_db, rc, context); }

Result<void> Database::exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(error(rc, ""));
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql.data(), to_int_size(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return tl::unexpected(error(rc, ""));
  }
  return Statement(stmt);
}

Result<Statement> Database::cached(std::string_view sql) {
  if (!m_cache) return prepare(sql);
  if (sqlite3_stmt* idle = m_cache->take(sql)) return Statement(idle, m_cache);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql.data(), to_int_size(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return tl::unexpected(error(rc, ""));
  }
  return Statement(stmt, m_cache);
}

void Database::clear_statement_cache() {
  if (m_cache) m_cache->clear();
}

std::size_t Database::cached_statements() const { return m_cache ? m_cache->idle() : 0; }

void Database::release_memory() {
  if (m_db) sqlite3_db_release_memory(m_db);
}

Result<std::int64_t> Database::query_int(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return core::fail(ErrorCode::io, "store " + m_path + ": a query that always answers gave no row");
  return stmt->column_int(0);
}

void Database::set_busy_timeout(int ms) { sqlite3_busy_timeout(m_db, ms); }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }

std::int64_t Database::changes() const { return sqlite3_changes64(m_db); }

// ---------------------------------------------------------------- Statement

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_home(std::move(other.m_home)),
      m_bind_rc(std::exchange(other.m_bind_rc, 0)),
      m_bind_index(other.m_bind_index) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    m_stmt = std::exchange(other.m_stmt, nullptr);
    m_home = std::move(other.m_home);
    m_bind_rc = std::exchange(other.m_bind_rc, 0);
    m_bind_index = other.m_bind_index;
  }
  return *this;
}

Statement::~Statement() { release(); }

void Statement::release() {
  sqlite3_stmt* stmt = std::exchange(m_stmt, nullptr);
  if (!stmt) return;
  if (m_home) m_home->give_back(stmt);
  else sqlite3_finalize(stmt);
  m_home.reset();
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

Statement& Statement::bind_unowned(int index, std::string_view value) {
  const char* data = value.data() ? value.data() : "";
  return note_bind(sqlite3_bind_text64(m_stmt, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8), index);
}

Statement& Statement::bind_unowned_blob(int index, std::string_view bytes) {
  const char* data = bytes.data() ? bytes.data() : "";
  return note_bind(sqlite3_bind_blob64(m_stmt, index, data, bytes.size(), SQLITE_STATIC), index);
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  const char* data = bytes.data() ? bytes.data() : "";
  return note_bind(sqlite3_bind_blob64(m_stmt, index, data, bytes.size(), SQLITE_TRANSIENT), index);
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
  core::Error e = make_error(sqlite3_db_handle(m_stmt), rc, "");
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

int Statement::column_count() const { return sqlite3_column_count(m_stmt); }

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

std::string_view Statement::column_blob(int col) const {
  const void* data = sqlite3_column_blob(m_stmt, col);
  if (!data) return {};
  return {static_cast<const char*>(data), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))};
}

bool Statement::column_is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

// ---------------------------------------------------------------- Transaction

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction::~Transaction() {
  // A failed COMMIT or an early return leaves the transaction open: undo it.
  if (m_db && m_db->handle() && !sqlite3_get_autocommit(m_db->handle())) {
    sqlite3_exec(m_db->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Result<Transaction> Transaction::begin(Database& db, TxKind kind) {
  // Cached: a sync begins thousands of (small) transactions.
  auto stmt = db.cached(kind == TxKind::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!stmt) return tl::unexpected(stmt.error());
  if (auto ok = stmt->run(); !ok) return tl::unexpected(ok.error());
  return Transaction(&db);
}

Result<void> Transaction::commit() {
  if (!m_db) return core::fail(ErrorCode::io, "commit on a finished transaction");
  auto stmt = m_db->cached("COMMIT");
  if (!stmt) return tl::unexpected(stmt.error());
  if (auto ok = stmt->run(); !ok) return ok;  // a full disk shows here first
  m_db = nullptr;
  return {};
}

}  // namespace scholard::store
