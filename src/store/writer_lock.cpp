#include "store/writer_lock.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <thread>
#include <utility>

#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace scholard::store {

using core::ErrorCode;
using core::Result;

namespace {

constexpr std::chrono::milliseconds k_poll_interval{20};

// The notebook's regions (writer_lock.hpp).
constexpr std::size_t k_region = 256;
constexpr off_t k_holder_at = 0;
constexpr off_t k_stamp_at = 256;
constexpr off_t k_note_at = 512;
constexpr std::size_t k_note_size = 512;
constexpr std::size_t k_file_size = 1024;

// Writes `text` into the region at `at` of `size` bytes, cut to fit and
// padded with blanks, so the region always holds the same bytes count.
void write_region(int fd, off_t at, std::size_t size, std::string text) {
  if (text.size() > size - 1) text = text.substr(0, size - 2) + "\n";
  text.resize(size, ' ');
  [[maybe_unused]] auto n = ::pwrite(fd, text.data(), text.size(), at);
}

// A file shorter than the notebook (a new one, or one an older scholard
// truncated) gets every region written with blanks now, while the disk has
// room: later records overwrite these bytes and need no new block.
void reserve_notebook(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) >= k_file_size) return;
  std::string blank(k_file_size, ' ');
  [[maybe_unused]] auto n = ::pwrite(fd, blank.data(), blank.size(), 0);
}

// The region at `at` of the file at `lock_path`, up to its first newline;
// "" when missing or blank.
std::string read_region(const std::string& lock_path, off_t at, std::size_t size) {
  int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string buf(size, '\0');
  ssize_t n = ::pread(fd, buf.data(), size, at);
  ::close(fd);
  if (n <= 0) return {};
  buf.resize(static_cast<std::size_t>(n));
  buf = buf.substr(0, buf.find('\n'));
  if (buf.find_first_not_of(" \t") == std::string::npos) return {};
  return buf;
}

// Parses "A B" / "A\tB" leading integers; false when `text` does not start with one.
bool parse_int(std::string_view& text, std::int64_t& out) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc()) return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

// The pid holding a flock on the file (dev, ino), from /proc/locks; 0 when
// none is listed or the table cannot be read. Waiters ("->") are skipped.
long flock_holder_pid(dev_t dev, ino_t ino) {
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream in(line);
    std::string ordinal, kind, advisory, access, where;
    long pid = 0;
    if (!(in >> ordinal >> kind) || kind != "FLOCK") continue;
    if (!(in >> advisory >> access >> pid >> where)) continue;
    unsigned maj = 0, min = 0;
    unsigned long long inode = 0;
    if (std::sscanf(where.c_str(), "%x:%x:%llu", &maj, &min, &inode) != 3) continue;
    if (maj == major(dev) && min == minor(dev) && inode == ino && pid > 0) return pid;
  }
  return 0;
}

// "scholard --config x.toml sync" from /proc/PID/cmdline; "" when unreadable.
std::string process_command(long pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/cmdline";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string raw(4096, '\0');
  ssize_t n = ::read(fd, raw.data(), raw.size());
  ::close(fd);
  raw.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();
  for (char& c : raw) {
    if (c == '\0') c = ' ';
  }
  if (auto slash = raw.find_last_of('/', raw.find(' ')); slash != std::string::npos) raw = raw.substr(slash + 1);
  return raw;
}

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

// Best effort: the record only improves a later error message.
void write_holder(int fd, std::string_view command) {
  reserve_notebook(fd);
  write_region(fd, k_holder_at, k_region, std::to_string(::getpid()) + "\t" + std::string(command) + "\n");
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
  write_region(m_fd, k_holder_at, k_region, "");  // no stale holder record
  ::close(m_fd);                                  // releases the flock
}

void WriterLock::record_clean_close(const std::optional<CleanClose>& stamp) {
  if (m_fd < 0) return;
  std::string text;
  if (stamp) text = "closed " + std::to_string(stamp->size) + " " + std::to_string(stamp->mtime_ns) + "\n";
  write_region(m_fd, k_stamp_at, k_region, text);
}

void WriterLock::record_failure(const std::optional<FailureNote>& note) {
  if (m_fd < 0) return;
  std::string text;
  if (note) {
    std::string message = note->message;
    for (char& c : message) {
      if (c == '\n' || c == '\t') c = ' ';
    }
    text = std::to_string(note->at) + "\t" + message + "\n";
  }
  write_region(m_fd, k_note_at, k_note_size, text);
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
    if (first && on_wait) on_wait(current_lock_holder(lock_path));
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      LockHolder h = current_lock_holder(lock_path);
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
  char buf[k_region];
  ssize_t n = ::pread(fd, buf, sizeof buf, k_holder_at);
  ::close(fd);
  if (n <= 0) return LockHolder{};
  std::string_view text(buf, static_cast<std::size_t>(n));
  LockHolder h;
  auto tab = text.find('\t');
  std::string_view pid = text.substr(0, tab);
  if (std::from_chars(pid.data(), pid.data() + pid.size(), h.pid).ec != std::errc()) return LockHolder{};
  if (tab != std::string_view::npos) {
    std::string_view cmd = text.substr(tab + 1);
    if (auto nl = cmd.find('\n'); nl != std::string_view::npos) cmd = cmd.substr(0, nl);
    h.command = std::string(cmd);
  }
  return h;
}

LockHolder current_lock_holder(const std::string& lock_path) {
  auto recorded = read_lock_holder(lock_path);
  LockHolder record = recorded ? *recorded : LockHolder{};
  struct stat st {};
  if (::stat(lock_path.c_str(), &st) != 0) return record;
  const long pid = flock_holder_pid(st.st_dev, st.st_ino);
  if (pid == 0 || pid == record.pid) return record;
  // The record is stale or not written yet: the kernel's word wins.
  return LockHolder{pid, process_command(pid)};
}

std::optional<CleanClose> read_clean_close(const std::string& lock_path) {
  std::string text = read_region(lock_path, k_stamp_at, k_region);
  std::string_view rest(text);
  if (!rest.starts_with("closed ")) return std::nullopt;
  rest.remove_prefix(7);
  CleanClose c;
  if (!parse_int(rest, c.size) || !parse_int(rest, c.mtime_ns)) return std::nullopt;
  return c;
}

std::optional<FailureNote> read_failure_note(const std::string& lock_path) {
  std::string text = read_region(lock_path, k_note_at, k_note_size);
  std::string_view rest(text);
  FailureNote note;
  if (!parse_int(rest, note.at) || rest.empty() || rest.front() != '\t') return std::nullopt;
  note.message = std::string(rest.substr(1));
  while (!note.message.empty() && note.message.back() == ' ') note.message.pop_back();
  return note;
}

}  // namespace scholard::store
