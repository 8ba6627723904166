#include "net/curl_multi.hpp"

#include <unistd.h>

#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>


namespace scholard::net::detail {

namespace asio = boost::asio;

void ensure_curl_global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl: curl_global_init failed");
    }
  });
}

struct MultiDriver::Socket {
  Socket(asio::io_context& io, curl_socket_t socket_fd) : descriptor(io), fd(socket_fd) {}
  asio::posix::stream_descriptor descriptor;
  curl_socket_t fd;
  int want = CURL_POLL_NONE;  // what libcurl last asked us to watch
  bool reading = false;       // a read wait is outstanding
  bool writing = false;       // a write wait is outstanding
  bool live = true;           // false once libcurl removed or closed the socket
};

MultiDriver::MultiDriver(asio::io_context& io) : m_io(io), m_timer(io) {
  ensure_curl_global_init();
  m_multi.reset(curl_multi_init());
  if (!m_multi) throw std::runtime_error("libcurl: curl_multi_init failed");
  CURLM* multi = m_multi.get();
  curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &MultiDriver::on_socket_cb);
  curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &MultiDriver::on_timer_cb);
  curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
}

MultiDriver::~MultiDriver() {
  m_life.reset();
  for (auto& [easy, done] : m_pending) curl_multi_remove_handle(m_multi.get(), easy);
  m_pending.clear();
  m_multi.reset();  // closes cached connections through close_socket_cb
  std::vector<curl_socket_t> left;
  for (const auto& [fd, socket] : m_sockets) left.push_back(fd);
  for (const auto fd : left) forget(fd);
  m_timer.cancel();
}

core::Result<void> MultiDriver::add(CURL* easy, Completion done) {
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &MultiDriver::close_socket_cb);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
  m_pending[easy] = std::move(done);
  const CURLMcode rc = curl_multi_add_handle(m_multi.get(), easy);
  if (rc != CURLM_OK) {
    m_pending.erase(easy);
    return core::fail(core::ErrorCode::permanent,
                      std::string("libcurl refused the transfer: ") + curl_multi_strerror(rc));
  }
  return {};
}

int MultiDriver::on_socket_cb(CURL*, curl_socket_t fd, int what, void* self, void*) {
  static_cast<MultiDriver*>(self)->on_socket(fd, what);
  return 0;
}

int MultiDriver::on_timer_cb(CURLM*, long timeout_ms, void* self) {
  static_cast<MultiDriver*>(self)->on_timer(timeout_ms);
  return 0;
}

int MultiDriver::close_socket_cb(void* self, curl_socket_t fd) {
  // Asio must stop watching the descriptor before its number can be reused.
  static_cast<MultiDriver*>(self)->forget(fd);
  return ::close(fd);
}

void MultiDriver::on_socket(curl_socket_t fd, int what) {
  if (what == CURL_POLL_REMOVE) {
    forget(fd);
    return;
  }
  auto it = m_sockets.find(fd);
  if (it == m_sockets.end()) {
    auto socket = std::make_shared<Socket>(m_io, fd);
    boost::system::error_code ec;
    socket->descriptor.assign(fd, ec);
    if (ec) {
      // Asio cannot watch it: tell libcurl so the transfer fails instead of hanging.
      asio::post(m_io, [weak = std::weak_ptr<int>(m_life), this, fd] {
        if (weak.expired()) return;
        socket_action(fd, CURL_CSELECT_ERR);
      });
      return;
    }
    it = m_sockets.emplace(fd, std::move(socket)).first;
  }
  it->second->want = what;
  arm(it->second);
}

void MultiDriver::arm(const std::shared_ptr<Socket>& socket) {
  using Wait = asio::posix::stream_descriptor::wait_type;
  const auto start = [this, &socket](Wait wait, bool Socket::*flag, int select_flag) {
    (*socket).*flag = true;
    socket->descriptor.async_wait(
        wait, [this, socket, flag, select_flag](const boost::system::error_code& ec) {
          (*socket).*flag = false;
          if (!socket->live) return;  // released: `this` may be gone
          on_ready(socket, ec ? CURL_CSELECT_ERR : select_flag);
        });
  };
  const bool want_read = socket->want == CURL_POLL_IN || socket->want == CURL_POLL_INOUT;
  const bool want_write = socket->want == CURL_POLL_OUT || socket->want == CURL_POLL_INOUT;
  if (want_read && !socket->reading) start(Wait::wait_read, &Socket::reading, CURL_CSELECT_IN);
  if (want_write && !socket->writing) start(Wait::wait_write, &Socket::writing, CURL_CSELECT_OUT);
}

void MultiDriver::on_ready(const std::shared_ptr<Socket>& socket, int select_flag) {
  socket_action(socket->fd, select_flag);
  // libcurl may have removed the socket meanwhile, or still want more events.
  if (socket->live) arm(socket);
}

void MultiDriver::forget(curl_socket_t fd) {
  const auto it = m_sockets.find(fd);
  if (it == m_sockets.end()) return;
  auto socket = it->second;
  m_sockets.erase(it);
  socket->live = false;
  // release() cancels outstanding waits (their handlers see live == false)
  // and hands the descriptor back without closing it: libcurl owns it.
  (void)socket->descriptor.release();
}

void MultiDriver::on_timer(long timeout_ms) {
  if (timeout_ms < 0) {
    m_timer.cancel();
    return;
  }
  // libcurl forbids calling socket_action from inside this callback, so even a
  // zero timeout goes through the timer.
  m_timer.expires_after(std::chrono::milliseconds(timeout_ms));
  m_timer.async_wait([weak = std::weak_ptr<int>(m_life), this](const boost::system::error_code& ec) {
    if (ec || weak.expired()) return;
    socket_action(CURL_SOCKET_TIMEOUT, 0);
  });
}

void MultiDriver::socket_action(curl_socket_t fd, int select_flags) {
  int running = 0;
  curl_multi_socket_action(m_multi.get(), fd, select_flags, &running);
  collect_finished();
}

void MultiDriver::collect_finished() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(m_multi.get(), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode result = msg->data.result;  // copy: msg dies with remove_handle
    curl_multi_remove_handle(m_multi.get(), easy);
    auto it = m_pending.find(easy);
    if (it == m_pending.end()) continue;
    auto done = std::move(it->second);
    m_pending.erase(it);
    // Completions may start new transfers; run them outside libcurl's callbacks.
    asio::post(m_io, [weak = std::weak_ptr<int>(m_life), done = std::move(done), result] {
      if (!weak.expired()) done(result);
    });
  }
}

}  // namespace scholard::net::detail
