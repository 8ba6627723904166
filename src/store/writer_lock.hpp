// The cross-process writer lock: an exclusive flock(2) on "<db>.lock".
//
// SQLite alone would serialise writers too (BEGIN IMMEDIATE + busy_timeout),
// but it cannot say WHO holds the lock. The kernel can: /proc/locks names the
// process holding a flock, and a second writer that gives up names that
// process (the lock file's own record, PID and command, is used for the
// command, and alone where /proc/locks cannot be read). flock locks die with
// their process, so a SIGKILLed writer never leaves a stale lock behind.
//
// The file is also the store's small notebook, written only under the lock,
// in three fixed regions of one 1 KiB file (so that, once written, it never
// needs a new disk block: a note about a full disk can still be kept):
//   bytes    0-255  the holder: "PID\tCOMMAND\n" while held, blank between writers
//   bytes  256-511  the clean-close stamp: the store file's size and mtime as the
//                   last writer left it (blank while a writer has it open)
//   bytes 512-1023  the last store write failure: "UNIX_SECONDS\tMESSAGE\n"
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::store {

// Who holds (or last held) the lock.
struct LockHolder {
  long pid = 0;         // 0 = unknown (the holder has not written it yet)
  std::string command;  // e.g. "scholard daemon"
};

// The store file as the last writer to close it left it (store.cpp).
struct CleanClose {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const CleanClose&) const = default;
};

// A store write that failed (a full disk), kept for `status`.
struct FailureNote {
  std::int64_t at = 0;  // unix seconds
  std::string message;
};

// Told, once, that the lock is held by `holder` and the caller now waits.
using LockWaitNotice = std::function<void(const LockHolder& holder)>;

class WriterLock {
 public:
  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&& other) noexcept;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock();  // clears the holder record and releases the lock

  // Creates `lock_path` (mode 0600) if needed and takes the lock, polling
  // until `timeout` has passed (a wait on another process is real time, so
  // this uses the steady clock directly, not an injected Clock). On success
  // the file records this process's PID and `command`. When the first attempt
  // finds the lock held, `on_wait` (if set) is called with the holder before
  // the waiting begins.
  // Error: busy, "another scholard (pid 1234, `scholard daemon`) is writing to
  // <db_path>; gave up after 30 s"; io when the file cannot be opened.
  static core::Result<WriterLock> acquire(const std::string& lock_path, const std::string& db_path,
                                          std::string_view command, std::chrono::milliseconds timeout,
                                          const LockWaitNotice& on_wait = {});

  // The notebook regions (see above); best effort, as the record is: a
  // failed write only costs a later check or message.
  void record_clean_close(const std::optional<CleanClose>& stamp);  // nullopt blanks it
  void record_failure(const std::optional<FailureNote>& note);      // nullopt blanks it

 private:
  explicit WriterLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

// Reads the holder record of a lock file. A missing or empty file gives a
// LockHolder with pid 0. Error: io when the file exists but cannot be read.
core::Result<LockHolder> read_lock_holder(const std::string& lock_path);

// The process holding the flock on `lock_path` as the kernel says
// (/proc/locks), with its command from the lock file's record when that
// record is the same process's, else from /proc/PID/cmdline; the record
// alone when /proc/locks has no answer. pid 0 when nobody holds it.
LockHolder current_lock_holder(const std::string& lock_path);

// The clean-close stamp and the failure note of a lock file; nullopt when
// the file or the region is missing or blank.
std::optional<CleanClose> read_clean_close(const std::string& lock_path);
std::optional<FailureNote> read_failure_note(const std::string& lock_path);

// "30 s", "0.2 s": how the busy message spells a timeout.
std::string format_timeout(std::chrono::milliseconds timeout);

}  // namespace scholard::store
