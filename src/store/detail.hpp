// Internal helpers shared by the store's .cpp files: time <-> unix seconds,
// the lock state behind Store::WriterGuard, FetchState row decoding and the
// data generation.
// Not part of the public API.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"
#include "store/types.hpp"
#include "store/writer_lock.hpp"

namespace scholard::store {

struct Store::WriterGuard::LockState {
  std::string lock_path;  // "" for :memory: (no other process can see it)
  std::string db_path;
  std::string command;
  std::chrono::milliseconds timeout{0};
  LockWaitNotice on_wait;
  std::optional<WriterLock> lock;
  int depth = 0;
};

namespace detail {

inline std::int64_t to_unix(core::SysTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

inline std::optional<std::int64_t> to_unix(std::optional<core::SysTime> t) {
  if (!t) return std::nullopt;
  return to_unix(*t);
}

inline core::SysTime from_unix(std::int64_t s) {
  return core::SysTime{std::chrono::duration_cast<core::SysTime::duration>(std::chrono::seconds(s))};
}

inline std::optional<core::SysTime> from_unix(std::optional<std::int64_t> s) {
  if (!s) return std::nullopt;
  return from_unix(*s);
}

// The columns of `sources` that make a FetchState, in this order; a query
// selecting k_state_columns starting at column `first` is decoded by read_state.
inline constexpr const char* k_state_columns =
    "outcome, last_error, has_record, raw_hash, fetched_at, etag, last_modified, "
    "last_attempt, last_success, failures, next_due";

FetchState read_state(const Statement& row, int first);

// The meta key of Store::data_generation.
inline constexpr const char* k_generation_key = "data_generation";

// ---- the store's files (store_files.cpp)

// Creates the store file (0600) and its missing folders (0700) when missing.
// Error: io naming what could not be made.
core::Result<void> create_private_file(const std::string& path);
// The file's size and mtime now; nullopt when it cannot be stat'ed.
std::optional<CleanClose> file_stamp(const std::string& path);
// Error: io, "cannot write the store PATH (mode 0444): ...; make it writable".
core::Result<void> check_writable_file(const std::string& path);
// Gives -wal/-shm files this process cannot write the store file's mode.
// Error: io naming a side file that stays unwritable.
core::Result<void> align_side_files(const std::string& path);
// Whether a reader can use WAL mode's side files (they exist, or the folder
// is writable); when not, it opens the store immutable.
bool reader_can_use_side_files(const std::string& path);

// Adds one to the data generation; call inside the write transaction that
// changed a record or the paper list. Error: busy/io.
core::Result<void> bump_generation(Database& db);

}  // namespace detail
}  // namespace scholard::store
