// Internal helpers shared by the store's .cpp files: time <-> unix seconds,
// the lock state behind Store::WriterGuard, FetchState row decoding and the
// data generation.
// Not part of the public API.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

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

// Adds one to the data generation; call inside the write transaction that
// changed a record or the paper list. Error: busy/io.
core::Result<void> bump_generation(Database& db);

}  // namespace detail
}  // namespace scholard::store
