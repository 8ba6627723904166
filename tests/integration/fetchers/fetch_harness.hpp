// Test harness for the fetchers on the real network stack: a CurlHttpClient on
// an io_context the test's own thread runs until the fetch reports done (or a
// generous deadline passes, so a hang fails the test instead of blocking
// CTest), plus helpers to start scholard-fakeapi and to read from its log what
// went over the wire.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetchers/fetch_result.hpp"
#include "net/asio.hpp"
#include "net/curl_client.hpp"
#include "support/fakeapi_process.hpp"

namespace scholard::fetchers::testing {

using std::chrono::milliseconds;
using std::chrono::seconds;

inline constexpr std::string_view k_contact = "scholard-tests@example.org";

// Everything one fetch reported.
struct FetchRun {
  std::map<std::string, FetchOutcome> by_id;  // keyed by FetchOutcome::requested
  int answered_twice = 0;                     // outcomes for an id that already had one
  int deliveries = 0;                         // BatchHandler calls
  std::optional<FetchStats> stats;            // set when the DoneHandler ran
  milliseconds elapsed{0};                    // start of the fetch -> DoneHandler (or deadline)

  bool done() const { return stats.has_value(); }
};

// Starts a fetch with the two handlers the harness provides.
using StartFetch = std::function<void(BatchHandler, DoneHandler)>;

class FetchHarness {
 public:
  explicit FetchHarness(net::ClientOptions options)
      : m_client(std::make_unique<net::CurlHttpClient>(m_io, std::move(options))) {}

  net::CurlHttpClient& client() { return *m_client; }

  // The loop `run` drives: tests post work on it to make it busy.
  boost::asio::io_context& io() { return m_io; }

  // Runs `start` on this thread, then the io_context until the DoneHandler
  // has run or `limit` has passed. The handlers share their state with the
  // result, so a fetch abandoned at the deadline cannot write into a dead frame.
  FetchRun run(const StartFetch& start, seconds limit = seconds(120)) {
    auto state = std::make_shared<FetchRun>();
    const auto t0 = std::chrono::steady_clock::now();
    start(
        [state](std::vector<FetchOutcome> batch) {
          ++state->deliveries;
          for (FetchOutcome& o : batch) {
            std::string key = o.requested;
            if (!state->by_id.emplace(std::move(key), std::move(o)).second) ++state->answered_twice;
          }
        },
        [state, t0](const FetchStats& s) {
          state->stats = s;
          state->elapsed = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - t0);
        });
    m_io.restart();
    const auto deadline = t0 + limit;
    while (!state->done() && std::chrono::steady_clock::now() < deadline) {
      // Out of work without being done means nothing can ever finish the fetch.
      if (m_io.run_one_for(milliseconds(50)) == 0 && m_io.stopped()) break;
    }
    if (!state->done()) {
      state->elapsed = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - t0);
    }
    return *state;
  }

 private:
  boost::asio::io_context m_io;
  std::unique_ptr<net::CurlHttpClient> m_client;
};

// One API request as the fake server logged it.
struct LoggedRequest {
  std::string target;                // e.g. "/api/query?id_list=a,b&max_results=100"
  std::string status;                // "200", "400", "reset" ...
  std::vector<std::string> id_list;  // arXiv: the ids of id_list, in order
  long arrived_ms = -1;              // arrival, ms since midnight UTC (-1: no time on the line)
};

// The requests of the server's stderr log whose target starts with `path_prefix`.
std::vector<LoggedRequest> logged_requests(const std::string& log, std::string_view path_prefix);

// The value of query parameter `name` in a request target ("" when absent).
std::string query_param(std::string_view target, std::string_view name);

// Starts scholard-fakeapi with `args`; fails the test (fatally) when it cannot.
std::unique_ptr<scholard::testing::FakeApiProcess> start_fakeapi(const std::vector<std::string>& args);

// The server's referee verdict; a failed read is a test failure.
scholard::testing::FakeApiStats fakeapi_stats(scholard::testing::FakeApiProcess& server);

}  // namespace scholard::fetchers::testing
