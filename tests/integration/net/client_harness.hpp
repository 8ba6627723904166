// Test harness for the real CurlHttpClient: an io_context run on the test's
// thread until the expected responses arrive (or a generous deadline passes,
// so a hang fails the test instead of blocking CTest).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "net/asio.hpp"
#include "net/curl_client.hpp"

namespace scholard::net::testing {

using std::chrono::milliseconds;

// A policy with millisecond-scale waits: `attempts` in total, retries
// starting after `first` and capped at `cap`.
inline HostPolicy quick_policy(int attempts, milliseconds first = milliseconds(50),
                               milliseconds cap = milliseconds(2000), milliseconds interval = milliseconds(0),
                               int in_flight = 4) {
  HostPolicy p;
  p.limiter = {interval, in_flight, Adaptation::fixed};
  p.retry = {attempts, first, cap};
  return p;
}

inline ClientOptions quick_options() {
  ClientOptions o;
  o.contact = "scholard-tests@example.org";
  o.connect_timeout = std::chrono::seconds(3);
  o.total_timeout = std::chrono::seconds(10);
  o.fallback = quick_policy(3);
  o.random = [] { return 0.0; };  // delays at their floor: spacing is predictable
  return o;
}

class Harness {
 public:
  explicit Harness(ClientOptions options = quick_options())
      : m_client(std::make_unique<CurlHttpClient>(m_io, std::move(options))) {}

  CurlHttpClient& client() { return *m_client; }

  // Issues every request at once and runs the loop until all are answered.
  std::vector<Response> fetch_all(std::vector<Request> requests,
                                  std::chrono::seconds limit = std::chrono::seconds(60)) {
    std::vector<std::optional<Response>> slots(requests.size());
    std::size_t answered = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      m_client->get(std::move(requests[i]), [&slots, &answered, i](Response r) {
        slots[i] = std::move(r);
        ++answered;
      });
    }
    const auto deadline = std::chrono::steady_clock::now() + limit;
    m_io.restart();
    while (answered < slots.size() && std::chrono::steady_clock::now() < deadline) {
      if (m_io.run_one_for(milliseconds(50)) == 0 && m_io.stopped()) m_io.restart();
    }
    std::vector<Response> out;
    for (auto& slot : slots) {
      Response missing;
      missing.error = "no answer before the test deadline";
      out.push_back(slot ? std::move(*slot) : std::move(missing));
    }
    return out;
  }

  Response fetch(Request request) { return std::move(fetch_all({std::move(request)}).front()); }

 private:
  boost::asio::io_context m_io;
  std::unique_ptr<CurlHttpClient> m_client;
};

inline Request request_to(std::string url, std::string source = {}) {
  Request r;
  r.url = std::move(url);
  r.source = std::move(source);
  return r;
}

}  // namespace scholard::net::testing
