// ScriptedServer: a tiny blocking HTTP/1.1 server on 127.0.0.1 (port 0) for
// the client behaviours the fake API server has no switch for: redirects,
// 304 answers to validators, bodies without Content-Length, and checking the
// headers the client sends. One connection at a time, one request per
// connection ("Connection: close"), answered by a test-supplied function.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace scholard::net::testing {

struct Exchange {
  std::string method;
  std::string target;                         // "/path?query"
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;                            // Content-Length bytes after the head
};

class ScriptedServer {
 public:
  // Returns the raw bytes to send back (status line, headers, body).
  using Responder = std::function<std::string(const Exchange&, int index)>;

  // Throws std::runtime_error if the listening socket cannot be set up.
  explicit ScriptedServer(Responder responder);
  ~ScriptedServer();
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  int port() const { return m_port; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  std::vector<Exchange> exchanges() const;

  // "HTTP/1.1 <status>" + headers + Content-Length + body, connection closed.
  static std::string reply(int status, const std::string& extra_headers, const std::string& body);

 private:
  void serve();
  void handle(int client);

  Responder m_responder;
  int m_listen = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  mutable std::mutex m_mutex;
  std::vector<Exchange> m_exchanges;
  std::thread m_thread;
};

// A loopback port that refuses every connection while this lives: bound,
// never listening, so no other server of a parallel test can be given it
// (a port bound and closed again could be).
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return m_port; }

 private:
  int m_port = 0;
  int m_fd = -1;
};

}  // namespace scholard::net::testing
