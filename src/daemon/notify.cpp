#include "daemon/notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace scholard::daemon {
namespace {

using core::ErrorCode;
using core::fail;

// An AF_UNIX address with the exact length to pass to sendto().
struct UnixAddress {
  sockaddr_un addr{};
  socklen_t length = 0;
};

core::Result<UnixAddress> make_address(const std::string& spec) {
  if (spec.empty() || (spec.front() != '/' && spec.front() != '@')) {
    return fail(ErrorCode::invalid_input,
                "NOTIFY_SOCKET `" + spec + "` is neither a socket path (/...) nor an abstract name (@...)");
  }
  UnixAddress out;
  out.addr.sun_family = AF_UNIX;
  const bool abstract = spec.front() == '@';
  // A path needs room for its terminating NUL; an abstract name has none.
  const std::size_t room = sizeof(out.addr.sun_path) - (abstract ? 0 : 1);
  if (spec.size() > room) {
    return fail(ErrorCode::invalid_input, "NOTIFY_SOCKET `" + spec + "` is too long for a unix socket address");
  }
  std::memcpy(out.addr.sun_path, spec.data(), spec.size());
  if (abstract) out.addr.sun_path[0] = '\0';
  const std::size_t length = offsetof(sockaddr_un, sun_path) + spec.size() + (abstract ? 0 : 1);
  out.length = static_cast<socklen_t>(length);
  return out;
}

// Closes the descriptor on every path out of send().
class FdGuard {
 public:
  explicit FdGuard(int fd) : m_fd(fd) {}
  FdGuard(const FdGuard&) = delete;
  FdGuard& operator=(const FdGuard&) = delete;
  ~FdGuard() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }

 private:
  int m_fd;
};

std::string errno_text(int err) { return std::strerror(err); }

}  // namespace

Notifier Notifier::from_environment() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  return Notifier(socket ? std::string(socket) : std::string(),
                  watchdog_interval_from(std::getenv("WATCHDOG_USEC"), std::getenv("WATCHDOG_PID"), ::getpid()));
}

Notifier::Notifier(std::string socket_address, std::optional<std::chrono::microseconds> watchdog_interval)
    : m_address(std::move(socket_address)), m_watchdog_interval(watchdog_interval) {}

core::Result<void> Notifier::ready() const { return send("READY=1"); }

core::Result<void> Notifier::status(std::string_view text) const {
  std::string line = "STATUS=";
  line.reserve(line.size() + text.size());
  for (char c : text) line.push_back(c == '\n' || c == '\r' ? ' ' : c);
  return send(line);
}

core::Result<void> Notifier::reloading() const {
  return send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_usec()));
}

core::Result<void> Notifier::stopping() const { return send("STOPPING=1"); }

core::Result<void> Notifier::watchdog() const { return send("WATCHDOG=1"); }

core::Result<void> Notifier::send(std::string_view assignments) const {
  if (!enabled()) return {};
  if (assignments.empty()) return fail(ErrorCode::invalid_input, "empty sd_notify message");
  auto address = make_address(m_address);
  if (!address) return tl::unexpected(address.error());

  FdGuard fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) {
    return fail(ErrorCode::io, "sd_notify: socket(AF_UNIX, SOCK_DGRAM): " + errno_text(errno));
  }
  const auto* sa = reinterpret_cast<const sockaddr*>(&address->addr);
  ssize_t sent = -1;
  do {
    sent = ::sendto(fd.get(), assignments.data(), assignments.size(), MSG_NOSIGNAL, sa, address->length);
  } while (sent < 0 && errno == EINTR);
  if (sent < 0) {
    return fail(ErrorCode::io, "sd_notify to `" + m_address + "`: " + errno_text(errno));
  }
  if (static_cast<std::size_t>(sent) != assignments.size()) {
    return fail(ErrorCode::io, "sd_notify to `" + m_address + "`: datagram truncated");
  }
  return {};
}

std::optional<std::chrono::microseconds> watchdog_interval_from(const char* watchdog_usec,
                                                                const char* watchdog_pid, pid_t self) {
  if (watchdog_usec == nullptr) return std::nullopt;
  const std::string_view usec_text(watchdog_usec);
  std::uint64_t usec = 0;
  auto [end, ec] = std::from_chars(usec_text.data(), usec_text.data() + usec_text.size(), usec);
  if (ec != std::errc{} || end != usec_text.data() + usec_text.size() || usec == 0) return std::nullopt;
  if (watchdog_pid != nullptr) {
    const std::string_view pid_text(watchdog_pid);
    long long pid = 0;
    auto [pend, pec] = std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
    if (pec != std::errc{} || pend != pid_text.data() + pid_text.size() || pid != self) return std::nullopt;
  }
  // Half the timeout is systemd's recommended cadence (sd_watchdog_enabled(3)).
  constexpr std::uint64_t k_max_usec = static_cast<std::uint64_t>(INT64_MAX);
  return std::chrono::microseconds{static_cast<std::int64_t>(std::min(usec, k_max_usec) / 2)};
}

std::uint64_t monotonic_usec() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000u + static_cast<std::uint64_t>(ts.tv_nsec) / 1'000u;
}

}  // namespace scholard::daemon
