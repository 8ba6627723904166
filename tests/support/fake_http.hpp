// A recording fake HttpClient that answers from a responder function, and
// helpers to read recorded responses from tests/data/ (SCHOLARD_TEST_DATA,
// which scholard_test defines). Like the real client it never calls a
// handler from inside get(): answers are delivered by run(), which plays the
// io thread. No sockets are opened, no clock is read. Header-only: link the
// `scholard_fake_http` target (tests/support/CMakeLists.txt); fetchers and
// engine tests use it.
#pragma once

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/record.hpp"
#include "fetchers/fetch_result.hpp"
#include "net/http_client.hpp"

// Readable failure output for the record types tests compare.
namespace scholard::core {
inline void PrintTo(const PartialDate& d, std::ostream* os) { *os << "PartialDate(" << d.iso() << ")"; }
inline void PrintTo(const Record& r, std::ostream* os) {
  *os << "Record{source = " << r.source;
  for (const Field& f : record_fields(r)) {
    if (!f.value.empty()) *os << "\n  " << f.name << " = " << f.value;
  }
  *os << "}";
}
inline void PrintTo(const Author& a, std::ostream* os) {
  *os << "Author{" << a.name << " | " << a.given << " | " << a.family << " | " << a.orcid << " | " << a.sequence;
  for (const auto& aff : a.affiliations) *os << " | " << aff;
  *os << "}";
}
inline void PrintTo(const Relation& r, std::ostream* os) { *os << "{" << r.type << ", " << r.id_type << ", " << r.id << "}"; }
inline void PrintTo(const UpdateNotice& u, std::ostream* os) {
  *os << "{" << u.type << ", " << u.doi << ", " << u.label << ", " << u.date.iso() << "}";
}
}  // namespace scholard::core

// In fetchers' test namespace, where the fetchers' tests and the engine's
// (tests/unit/daemon) name them: scholard::fetchers::testing::FakeHttpClient.
namespace scholard::fetchers::testing {

inline std::filesystem::path data_dir() { return std::filesystem::path(SCHOLARD_TEST_DATA); }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test data " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string read_data(const std::string& relative) { return read_file(data_dir() / relative); }

// The "# status: N" line of a recorded .headers.txt file; 0 when absent.
inline long recorded_status(const std::filesystem::path& headers_file) {
  std::istringstream in(read_file(headers_file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# status: ", 0) == 0) return std::stol(line.substr(10));
  }
  return 0;
}

inline net::Response make_response(long status, std::string body, std::string content_type = {}) {
  net::Response r;
  r.status = status;
  r.body = std::move(body);
  if (status >= 200 && status < 300) r.outcome = net::Outcome::ok;
  else if (status == 304) r.outcome = net::Outcome::not_modified;
  else if (status == 404) r.outcome = net::Outcome::not_found;
  else if (status == 429 || status == 503) r.outcome = net::Outcome::rate_limited;
  else if (status >= 500) r.outcome = net::Outcome::transient;
  else r.outcome = net::Outcome::permanent;
  if (!content_type.empty()) r.headers.emplace_back("content-type", std::move(content_type));
  return r;
}

class FakeHttpClient final : public net::HttpClient {
 public:
  using Responder = std::function<net::Response(const net::Request&)>;

  explicit FakeHttpClient(Responder responder) : m_responder(std::move(responder)) {}

  void get(net::Request request, net::ResponseHandler done) override {
    requests.push_back(request);
    ++m_in_flight;
    max_in_flight = std::max(max_in_flight, m_in_flight);
    m_pending.emplace_back(std::move(request), std::move(done));
  }

  // Answers queued requests (and those issued while answering) in order.
  void run() {
    while (!m_pending.empty()) {
      auto [request, done] = std::move(m_pending.front());
      m_pending.pop_front();
      net::Response response = m_responder(request);
      --m_in_flight;
      done(std::move(response));
    }
  }

  std::vector<net::Request> requests;  // every request as sent: URL, headers, body (a POST's)
  int max_in_flight = 0;

 private:
  Responder m_responder;
  std::deque<std::pair<net::Request, net::ResponseHandler>> m_pending;
  int m_in_flight = 0;
};

// What one fetch answered: every outcome by the id asked, each BatchHandler
// call's outcomes, and the stats.
struct Collected {
  std::map<std::string, FetchOutcome> by_id;
  std::vector<std::vector<FetchOutcome>> batches;
  FetchStats stats;
  int done_calls = 0;
};

// Starts a fetch with `start(on_batch, on_done)` and answers its requests
// through `client`. The test fails when an id is answered twice or the done
// handler does not run exactly once.
template <class Start>
Collected collect_fetch(FakeHttpClient& client, Start start) {
  Collected c;
  start(
      [&c](std::vector<FetchOutcome> batch) {
        for (const FetchOutcome& o : batch) {
          EXPECT_TRUE(c.by_id.emplace(o.requested, o).second) << "answered twice: " << o.requested;
        }
        c.batches.push_back(std::move(batch));
      },
      [&c](const FetchStats& s) {
        c.stats = s;
        ++c.done_calls;
      });
  client.run();
  EXPECT_EQ(c.done_calls, 1);
  return c;
}

}  // namespace scholard::fetchers::testing
