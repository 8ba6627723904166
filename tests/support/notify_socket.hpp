// A datagram socket standing in for systemd's $NOTIFY_SOCKET in tests:
// bound at a path or at an abstract name, it hands back each message whole.
// Header only, so unit tests (daemon/notify.hpp) and integration tests (the
// real daemon) use the same one without linking the test support library.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scholard::testing {

class NotifySocket {
 public:
  // An abstract address of its own: "@scholard-test-notify-PID-N".
  NotifySocket() : NotifySocket("@scholard-test-notify-" + std::to_string(::getpid()) + "-" + std::to_string(next_number())) {}

  // Bound at `address` as $NOTIFY_SOCKET names it: "/path" or "@name"
  // (abstract). A path is removed again by the destructor.
  explicit NotifySocket(std::string address) : m_address(std::move(address)) {
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_address.empty() || m_address.size() >= sizeof addr.sun_path) return;
    std::memcpy(addr.sun_path, m_address.data(), m_address.size());
    if (m_address.front() == '@') addr.sun_path[0] = '\0';
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_address.size());
    m_bound = ::bind(m_fd, reinterpret_cast<const sockaddr*>(&addr), len) == 0;
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;
  ~NotifySocket() {
    ::close(m_fd);
    if (m_bound && m_address.front() == '/') ::unlink(m_address.c_str());
  }

  bool bound() const { return m_bound; }
  // What $NOTIFY_SOCKET is set to for a sender.
  const std::string& address() const { return m_address; }

  // The next message within `timeout`, or nullopt. Appended to `seen`.
  std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::seconds(2)) {
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
    if (n < 0) return std::nullopt;
    seen.emplace_back(buf, static_cast<std::size_t>(n));
    return seen.back();
  }

  // True when no message is waiting.
  bool empty() const {
    pollfd p{m_fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 0;
  }

  // Receives until a message containing `what` arrives: that message, or
  // nullopt when none does within `timeout`. Every message received is
  // appended to `seen`.
  std::optional<std::string> wait_for(std::string_view what, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (auto left = timeout; left.count() > 0;
         left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())) {
      auto message = next(left);
      if (message && message->find(what) != std::string::npos) return message;
    }
    return std::nullopt;
  }

  // Every message received so far, in order.
  std::vector<std::string> seen;

 private:
  static unsigned next_number() {
    static std::atomic<unsigned> n{0};
    return n++;
  }

  std::string m_address;
  int m_fd = -1;
  bool m_bound = false;
};

}  // namespace scholard::testing
