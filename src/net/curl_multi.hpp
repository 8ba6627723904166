// MultiDriver: runs libcurl's multi interface on a Boost.Asio io_context.
//
// libcurl tells us (CURLMOPT_SOCKETFUNCTION) which sockets to watch for what,
// and (CURLMOPT_TIMERFUNCTION) when to call it back; we map those to
// posix::stream_descriptor waits and one steady_timer and feed the events to
// curl_multi_socket_action. Nothing blocks the loop thread. Sockets stay owned
// by libcurl: descriptors are released, never closed, by Asio.
//
// Threading: every member must be called on the io_context's thread.
// Lifetime: destroying the driver removes unfinished transfers without
// calling their completions; Asio handlers left in the queue become no-ops.
#pragma once

#include <functional>
#include <memory>
#include <unordered_map>

#include <curl/curl.h>

#include "core/result.hpp"
#include "net/asio.hpp"
#include "net/curl_handles.hpp"

namespace scholard::net::detail {

class MultiDriver {
 public:
  // Receives the transfer's result code; the easy handle has already been
  // removed from the multi handle and may be inspected or cleaned up.
  using Completion = std::function<void(CURLcode)>;

  // Throws std::runtime_error when libcurl cannot create a multi handle (an
  // edge: start-up only).
  explicit MultiDriver(boost::asio::io_context& io);
  ~MultiDriver();
  MultiDriver(const MultiDriver&) = delete;
  MultiDriver& operator=(const MultiDriver&) = delete;

  // Starts `easy`, which must stay alive until `done` runs (posted, never
  // called from inside add). Error: permanent when libcurl refuses the handle.
  core::Result<void> add(CURL* easy, Completion done);

  std::size_t running() const { return m_pending.size(); }

 private:
  struct Socket;

  static int on_socket_cb(CURL* easy, curl_socket_t fd, int what, void* self, void* socketp);
  static int on_timer_cb(CURLM* multi, long timeout_ms, void* self);
  static int close_socket_cb(void* self, curl_socket_t fd);

  void on_socket(curl_socket_t fd, int what);
  void on_timer(long timeout_ms);
  void arm(const std::shared_ptr<Socket>& socket);
  void on_ready(const std::shared_ptr<Socket>& socket, int select_flag);
  void forget(curl_socket_t fd);
  void socket_action(curl_socket_t fd, int select_flags);
  void collect_finished();

  boost::asio::io_context& m_io;
  boost::asio::steady_timer m_timer;
  std::unordered_map<curl_socket_t, std::shared_ptr<Socket>> m_sockets;
  std::unordered_map<CURL*, Completion> m_pending;
  std::shared_ptr<int> m_life = std::make_shared<int>(0);  // handlers hold a weak_ptr
  MultiHandle m_multi;
};

}  // namespace scholard::net::detail
