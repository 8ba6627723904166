// A tiny blocking HTTP/1.1 client for tests (Boost.Beast on a private
// io_context), for loopback servers only: the fake API server's control
// endpoints and tests that must see exactly what a server sent, faults
// included (resets, truncated bodies, slow bodies). Deliberately not libcurl,
// so test support does not depend on src/net.
//
// One connection is kept alive across requests (keep-alive) and re-opened
// when the server closed it. Every operation has a timeout. Failures are
// reported in the returned HttpExchange, never thrown.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scholard::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpExchange {
  bool connected = false;        // the TCP connection was made (or reused)
  bool header_received = false;  // a complete status line + header arrived
  bool complete = false;         // the whole message arrived
  unsigned status = 0;
  HeaderList headers;            // names lower-cased, in order
  std::string body;              // as much of the body as arrived
  std::optional<std::uint64_t> content_length;
  std::string error;             // "" when complete; else what failed, e.g. "end of stream"
  std::chrono::milliseconds elapsed{0};         // request sent -> done
  std::chrono::milliseconds time_to_header{0};  // request sent -> header read

  // The first value of a header (name in lower case), or "".
  std::string header(std::string_view lower_name) const;
};

struct HttpRequestSpec {
  std::string method = "GET";
  std::string target = "/";
  HeaderList headers;
  std::string body;
  bool header_only = false;  // read the response header, then drop the connection
};

class LoopbackClient {
 public:
  explicit LoopbackClient(unsigned short port,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(10'000));
  ~LoopbackClient();
  LoopbackClient(const LoopbackClient&) = delete;
  LoopbackClient& operator=(const LoopbackClient&) = delete;

  HttpExchange request(const HttpRequestSpec& spec);
  HttpExchange get(std::string target, HeaderList headers = {});
  HttpExchange head(std::string target, HeaderList headers = {});
  HttpExchange post(std::string target, std::string body = {}, HeaderList headers = {});

  // Sends `bytes` as they are on a fresh connection and returns everything
  // the server sent back before closing (or before the timeout).
  std::string raw_exchange(std::string_view bytes);

  // How many TCP connections this client has opened (keep-alive checks).
  int connections_opened() const;
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace scholard::testing
