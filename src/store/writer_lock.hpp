// The cross-process writer lock: an exclusive flock(2) on "<db>.lock".
//
// SQLite alone would serialise writers too (BEGIN IMMEDIATE + busy_timeout),
// but it cannot say WHO holds the lock. The lock file records the holder's PID
// and command, so a second writer that gives up can name the other process.
// flock locks die with their process, so a SIGKILLed writer never leaves a
// stale lock behind; the file itself stays (empty) between writers.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::store {

// Who holds (or last held) the lock, as recorded in the lock file.
struct LockHolder {
  long pid = 0;         // 0 = unknown (the holder has not written it yet)
  std::string command;  // e.g. "scholard daemon"
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

 private:
  explicit WriterLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

// Reads the holder record of a lock file. A missing or empty file gives a
// LockHolder with pid 0. Error: io when the file exists but cannot be read.
core::Result<LockHolder> read_lock_holder(const std::string& lock_path);

// "30 s", "0.2 s": how the busy message spells a timeout.
std::string format_timeout(std::chrono::milliseconds timeout);

}  // namespace scholard::store
