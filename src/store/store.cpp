// Store: opening, pragmas, migrations, the writer lock, runs and meta.
#include "store/store.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/detail.hpp"
#include "store/migrations.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;
using detail::to_unix;
using detail::file_stamp;

namespace {

constexpr std::string_view k_memory = ":memory:";
// Readers never wait for writers under WAL; this only covers the brief
// exclusive moments (WAL recovery after a crash).
constexpr int k_reader_busy_ms = 5'000;

}  // namespace

Store::Store(Database db, const core::Clock& clock, StoreOptions options)
    : m_db(std::move(db)), m_clock(&clock), m_options(std::move(options)), m_path(m_db.path()),
      m_lock(std::make_unique<WriterGuard::LockState>()) {
  m_lock->lock_path = m_path == k_memory || m_path.empty() ? std::string() : m_path + ".lock";
  m_lock->db_path = m_path;
  m_lock->command = m_options.command;
  m_lock->timeout = m_options.lock_timeout;
  m_lock->on_wait = m_options.on_lock_wait;
}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

// A writer that closes cleanly leaves the store file's size and mtime in the
// lock file's notebook, after closing its connection (the last connection's
// close copies the WAL into the file). The next open finds them equal and
// skips the integrity check; a writer that died leaves no stamp (it is
// blanked at open), and a file changed by anything else no longer matches.
// Only when no other writer holds the lock: that one stamps when it closes.
Store::~Store() {
  if (!m_lock || m_lock->lock_path.empty() || read_only() || !m_opened_clean) return;
  m_db = Database();
  auto lock = WriterLock::acquire(m_lock->lock_path, m_path, m_options.command, std::chrono::milliseconds(0));
  if (!lock) return;
  lock->record_clean_close(file_stamp(m_path));
}

Result<Store> Store::open(const std::string& given_path, const core::Clock& clock, StoreOptions options) {
  const std::string path = choose_store_path(given_path, options.legacy_path, options.owner);
  bool memory = path == k_memory;
  if (memory) options.mode = AccessMode::read_write;  // nothing to read from
  if (options.mode == AccessMode::read_only) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return core::fail(ErrorCode::not_found, "no store at " + path + " yet (run `scholard sync` first)");
    }
  } else if (!memory) {
    if (auto ok = detail::create_private_file(path); !ok) return tl::unexpected(ok.error());
    if (auto ok = detail::check_writable_file(path); !ok) return tl::unexpected(ok.error());
    if (auto ok = detail::align_side_files(path); !ok) return tl::unexpected(ok.error());
  }
  auto mode = options.mode == AccessMode::read_write      ? OpenMode::read_write_create
              : detail::reader_can_use_side_files(path) ? OpenMode::read_only
                                                        : OpenMode::read_only_immutable;
  auto db = Database::open(path, mode);
  if (!db) return tl::unexpected(db.error());
  return adopt(std::move(*db), clock, std::move(options));
}

Result<Store> Store::adopt(Database db, const core::Clock& clock, StoreOptions options) {
  if (db.read_only()) options.mode = AccessMode::read_only;
  Store store(std::move(db), clock, std::move(options));
  if (auto ok = store.prepare_schema(); !ok) return tl::unexpected(ok.error());
  return store;
}

Result<void> Store::prepare_schema() {
  bool reader = read_only();
  auto timeout_ms = static_cast<int>(std::min<std::int64_t>(m_options.lock_timeout.count(), 1'000'000'000));
  m_db.set_busy_timeout(reader ? k_reader_busy_ms : timeout_ms);
  if (auto ok = m_db.exec("PRAGMA foreign_keys = ON"); !ok) return ok;
  if (reader) {
    auto version = schema_version(m_db);
    if (!version) return tl::unexpected(version.error());
    if (auto ok = check_not_newer(m_db, *version); !ok) return ok;
    if (*version == 0) return core::fail(ErrorCode::not_found, "store " + m_path + " is empty (run `scholard sync` first)");
    if (*version < k_schema_version) {
      return core::fail(ErrorCode::unsupported, "store " + m_path + " has schema " + std::to_string(*version) +
                                                    "; run `scholard sync` once to upgrade it to " +
                                                    std::to_string(k_schema_version));
    }
    if (auto ok = check_integrity(CheckWhen::changed); !ok) return ok;
    return settle_owner(m_db, Phase::read);
  }
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto ready = prepare_for_writing();
  // A writer that cannot set the store up (a full disk: WAL mode's -shm
  // file needs room) leaves the reason for `status`, as finish_run does.
  if (!ready && ready.error().code == ErrorCode::io && m_lock->lock) {
    m_lock->lock->record_failure(FailureNote{to_unix(m_clock->now()), ready.error().message});
  }
  return ready;
}

Result<void> Store::prepare_for_writing() {
  if (auto ok = check_integrity(CheckWhen::changed); !ok) return ok;
  // From here until a clean close the file may change: no stamp (~Store).
  if (m_lock->lock) m_lock->lock->record_clean_close(std::nullopt);
  m_opened_clean = true;
  // Before any change: another config's store is left as it was.
  if (auto ok = settle_owner(m_db, Phase::before_write); !ok) return ok;
  // page_size (only takes effect on a new, empty database): 16 KiB pages
  // hold a record row of ~2 KB with less waste and need a quarter of the
  // WAL writes and checkpoint copies of 4 KiB ones, for the batched commits
  // a sync makes. Existing stores keep their page size.
  // WAL: readers never block on the writer. NORMAL: a commit survives a
  // process crash (only an OS crash may lose the last transactions).
  // journal_size_limit: after a checkpoint the WAL file is cut back to
  // 20 MiB, which is more than the 1,000 frames (16 MiB at 16 KiB pages) an
  // automatic checkpoint lets it reach: the file keeps its blocks and page
  // cache, so the next frames overwrite instead of extending it (a smaller
  // limit makes every checkpoint cycle of a large sync allocate the file
  // again). The WAL is removed when the last connection closes.
  if (auto ok = m_db.exec("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                          "PRAGMA journal_size_limit = 20971520");
      !ok) {
    return ok;
  }
  auto before = schema_version(m_db);
  if (!before) return tl::unexpected(before.error());
  auto migrated = migrate(m_db);
  if (!migrated) return tl::unexpected(migrated.error());
  if (auto ok = check_not_newer(m_db, *migrated); !ok) return ok;
  // Patches write their pages to the WAL (schema 7 rebuilds a table): copy
  // them into the file now so the WAL starts over with the store's real
  // writes instead of carrying the migration up to the next automatic
  // checkpoint. PASSIVE: a reader in the way is not waited for.
  if (*migrated != *before) {
    if (auto ok = m_db.exec("PRAGMA wal_checkpoint(PASSIVE)"); !ok) return ok;
  }
  return settle_owner(m_db, Phase::after_migration);
}

// ---------------------------------------------------------------- integrity

Result<void> Store::check_integrity(CheckWhen when) {
  if (m_path == k_memory || m_path.empty()) return {};
  if (when == CheckWhen::changed) {
    const auto stamp = read_clean_close(m_path + ".lock");
    if (stamp && stamp == file_stamp(m_path)) return {};
  }
  auto stmt = m_db.prepare("PRAGMA quick_check(1)");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  const std::string verdict = *row ? stmt->column_text(0) : std::string("no answer");
  if (verdict == "ok") return {};
  return core::fail(ErrorCode::io, "the store " + m_path + " is damaged (" + verdict + "); " + repair_advice(m_path));
}

// ---------------------------------------------------------------- writer lock

Store::WriterGuard::WriterGuard(WriterGuard&& other) noexcept : m_state(std::exchange(other.m_state, nullptr)) {}

Store::WriterGuard::~WriterGuard() {
  if (m_state && --m_state->depth == 0) m_state->lock.reset();
}

Result<Store::WriterGuard> Store::writer_guard() {
  if (read_only()) return core::fail(ErrorCode::io, "store " + m_path + " is open read-only");
  WriterGuard::LockState* st = m_lock.get();
  if (st->depth == 0 && !st->lock_path.empty()) {
    auto lock = WriterLock::acquire(st->lock_path, st->db_path, st->command, st->timeout, st->on_wait);
    if (!lock) return tl::unexpected(lock.error());
    st->lock.emplace(std::move(*lock));
  }
  ++st->depth;
  return WriterGuard(st);
}

Result<Store::WriterGuard> Store::lock_for_writing() { return writer_guard(); }

// ---------------------------------------------------------------- runs

Result<std::int64_t> Store::begin_run(const std::string& command) {
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  // Only the holder of the writer lock records runs, so a run still "running"
  // now was left by a process that died without finishing it (SIGKILL, a crash).
  if (auto ok = m_db.exec("UPDATE runs SET outcome = 'interrupted', message = CASE WHEN message = '' THEN "
                          "'ended without finishing its record (the process was killed?)' ELSE message END "
                          "WHERE outcome = 'running'");
      !ok) {
    return tl::unexpected(ok.error());
  }
  auto stmt = m_db.cached("INSERT INTO runs (started_at, command, outcome) VALUES (?, ?, 'running')");
  if (!stmt) return tl::unexpected(stmt.error());
  if (auto ok = stmt->bind_all(to_unix(m_clock->now()), command).run(); !ok) return tl::unexpected(ok.error());
  return m_db.last_insert_rowid();
}

// A run that cannot be recorded (a full disk) leaves its reason in the lock
// file's notebook for `status`; one that is recorded clears it.
Result<void> Store::finish_run(std::int64_t run_id, const RunSummary& s) {
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto done = record_run_end(run_id, s);
  if (m_lock->lock) {
    if (done) m_lock->lock->record_failure(std::nullopt);
    else if (done.error().code == ErrorCode::io) m_lock->lock->record_failure(FailureNote{to_unix(m_clock->now()), done.error().message});
  }
  return done;
}

Result<void> Store::record_run_end(std::int64_t run_id, const RunSummary& s) {
  for (const auto& [source, n] : s.requests) {
    if (!core::is_source_name(source)) {
      return core::fail(ErrorCode::invalid_input, "run " + std::to_string(run_id) + " counts requests to '" + source +
                                                      "', which is not a source name");
    }
  }
  auto tx = Transaction::begin(m_db, TxKind::immediate);  // the run and its request counts together
  if (!tx) return tl::unexpected(tx.error());
  auto stmt = m_db.cached(
      "UPDATE runs SET ended_at = ?, not_modified = ?, papers_changed = ?, outputs_written = ?, outcome = ?, "
      "message = ? WHERE id = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(to_unix(m_clock->now()), s.not_modified, s.papers_changed, s.outputs_written, to_string(s.outcome),
                 s.message, run_id);
  if (auto ok = stmt->run(); !ok) return ok;
  if (m_db.changes() == 0) return core::fail(ErrorCode::not_found, "no run " + std::to_string(run_id));
  // One row per source that made requests (schema 7); a run finished twice keeps the last counts.
  auto clear = m_db.cached("DELETE FROM run_requests WHERE run_id = ?");
  if (!clear) return tl::unexpected(clear.error());
  if (auto ok = clear->bind(1, run_id).run(); !ok) return ok;
  auto put = m_db.cached("INSERT INTO run_requests (run_id, source, requests) VALUES (?, ?, ?)");
  if (!put) return tl::unexpected(put.error());
  for (const auto& [source, n] : s.requests) {
    if (n <= 0) continue;
    if (auto ok = put->bind_all(run_id, source, n).run(); !ok) return ok;
  }
  return tx->commit();
}

// ---------------------------------------------------------------- meta

Result<void> detail::bump_generation(Database& db) {
  auto stmt = db.cached(
      "INSERT INTO meta (key, value) VALUES (?1, '1') "
      "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)");
  if (!stmt) return tl::unexpected(stmt.error());
  return stmt->bind(1, detail::k_generation_key).run();
}

Result<std::int64_t> Store::data_generation() {
  auto value = get_meta(detail::k_generation_key);
  if (!value) return tl::unexpected(value.error());
  if (!*value) return 0;
  const std::string& text = **value;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return core::fail(ErrorCode::io, "store " + m_path + ": meta " + detail::k_generation_key + " is not a number ('" +
                                         text + "')");
  }
  return n;
}

Result<std::optional<std::string>> Store::get_meta(const std::string& key) {
  auto stmt = m_db.cached("SELECT value FROM meta WHERE key = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, key);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->column_text(0));
}

Result<void> Store::set_meta(const std::string& key, const std::string& value) {
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto stmt = m_db.cached(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stmt) return tl::unexpected(stmt.error());
  return stmt->bind_all(key, value).run();
}

Result<void> Store::delete_meta(const std::string& key) {
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto stmt = m_db.cached("DELETE FROM meta WHERE key = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  return stmt->bind_all(key).run();
}

void Store::release_memory() { m_db.release_memory(); }

}  // namespace scholard::store
