#include "store/writer_lock.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace scholard::store {

using core::ErrorCode;
using core::Result;

namespace {

constexpr std::chrono::milliseconds k_poll_interval{20};

std::string errno_text() { return std::strerror(errno); }

// Non-blocking attempt: true when taken, false when another process holds it.
Result<bool> try_lock(int fd, const std::string& lock_path) {
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) return false;
    return core::fail(ErrorCode::io, "cannot lock " + lock_path + ": " + errno_text());
  }
}

void write_holder(int fd, std::string_view command) {
  std::string line = std::to_string(::getpid()) + "\t" + std::string(command) + "\n";
  // Best effort: the record only improves a later error message.
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] auto n = ::pwrite(fd, line.data(), line.size(), 0);
  }
}

std::string describe(const LockHolder& h) {
  std::string who = h.pid > 0 ? "pid " + std::to_string(h.pid) : "pid unknown";
  if (!h.command.empty()) who += ", `" + h.command + "`";
  return "another scholard (" + who + ")";
}

}  // namespace

std::string format_timeout(std::chrono::milliseconds timeout) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(timeout.count()) / 1000.0);
  return buf;
}

WriterLock::WriterLock(WriterLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
}

WriterLock::~WriterLock() {
  if (m_fd < 0) return;
  [[maybe_unused]] int rc = ::ftruncate(m_fd, 0);  // no stale holder record
  ::close(m_fd);                                   // releases the flock
}

Result<WriterLock> WriterLock::acquire(const std::string& lock_path, const std::string& db_path,
                                       std::string_view command, std::chrono::milliseconds timeout,
                                       const LockWaitNotice& on_wait) {
  // O_CLOEXEC: a hook child must not inherit (and so keep) the lock.
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return core::fail(ErrorCode::io, "cannot open lock file " + lock_path + ": " + errno_text());
  // Until the lock is ours, closing must not touch the file: its holder
  // record belongs to the other process.
  auto give_up = [fd](core::Error e) {
    ::close(fd);
    return tl::unexpected<core::Error>(std::move(e));
  };
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (bool first = true;; first = false) {
    auto taken = try_lock(fd, lock_path);
    if (!taken) return give_up(taken.error());
    if (*taken) break;
    if (first && on_wait) {
      auto holder = read_lock_holder(lock_path);
      on_wait(holder ? *holder : LockHolder{});
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      auto holder = read_lock_holder(lock_path);
      LockHolder h = holder ? *holder : LockHolder{};
      return give_up(core::Error{ErrorCode::busy, describe(h) + " is writing to " + db_path + "; gave up after " +
                                                      format_timeout(timeout)});
    }
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(k_poll_interval, deadline - now));
  }
  WriterLock lock(fd);
  write_holder(fd, command);
  return lock;
}

Result<LockHolder> read_lock_holder(const std::string& lock_path) {
  int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return LockHolder{};
    return core::fail(ErrorCode::io, "cannot read lock file " + lock_path + ": " + errno_text());
  }
  char buf[512];
  ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  ::close(fd);
  if (n <= 0) return LockHolder{};
  std::string_view text(buf, static_cast<std::size_t>(n));
  LockHolder h;
  auto tab = text.find('\t');
  std::string_view pid = text.substr(0, tab);
  std::from_chars(pid.data(), pid.data() + pid.size(), h.pid);
  if (tab != std::string_view::npos) {
    std::string_view cmd = text.substr(tab + 1);
    if (auto nl = cmd.find('\n'); nl != std::string_view::npos) cmd = cmd.substr(0, nl);
    h.command = std::string(cmd);
  }
  return h;
}

}  // namespace scholard::store
