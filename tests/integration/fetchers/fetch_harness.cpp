#include "fetch_harness.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace scholard::fetchers::testing {
namespace {

// "a%2Cb,c" -> {"a", "b", "c"}.
std::vector<std::string> split_ids(std::string text) {
  for (std::size_t at = text.find("%2C"); at != std::string::npos; at = text.find("%2C", at)) {
    text.replace(at, 3, ",");
  }
  std::vector<std::string> ids;
  if (text.empty()) return ids;
  for (std::size_t begin = 0;;) {
    const std::size_t comma = text.find(',', begin);
    ids.push_back(text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
    if (comma == std::string::npos) return ids;
    begin = comma + 1;
  }
}

// "2026-01-02T03:04:05.678Z ..." -> milliseconds since midnight; -1 when the
// line does not start with such a time.
long arrival_ms(std::string_view line) {
  const auto t = line.find('T');
  if (t == std::string_view::npos || line.size() < t + 13 || line[t + 9] != '.') return -1;
  const auto digits = [&](std::size_t at, std::size_t n) {
    long value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (line[i] < '0' || line[i] > '9') return -1L;
      value = value * 10 + (line[i] - '0');
    }
    return value;
  };
  const long h = digits(t + 1, 2), m = digits(t + 4, 2), sec = digits(t + 7, 2), ms = digits(t + 10, 3);
  if (h < 0 || m < 0 || sec < 0 || ms < 0) return -1;
  return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

}  // namespace

std::string query_param(std::string_view target, std::string_view name) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view piece = rest.substr(0, amp);
    const auto eq = piece.find('=');
    if (piece.substr(0, eq) == name) return eq == std::string_view::npos ? std::string() : std::string(piece.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

std::vector<LoggedRequest> logged_requests(const std::string& log, std::string_view path_prefix) {
  // Lines look like "2026-01-02T03:04:05.678Z GET /api/query?id_list=... -> 200 (fault 429:1)".
  std::vector<LoggedRequest> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    const auto path = line.find(" /");
    const auto arrow = line.find(" -> ");
    if (path == std::string::npos || arrow == std::string::npos || arrow < path) continue;
    LoggedRequest r;
    r.target = line.substr(path + 1, arrow - path - 1);
    if (!std::string_view(r.target).starts_with(path_prefix)) continue;
    const std::string after = line.substr(arrow + 4);
    r.status = after.substr(0, after.find(' '));
    r.id_list = split_ids(query_param(r.target, "id_list"));
    r.arrived_ms = arrival_ms(line);
    out.push_back(std::move(r));
  }
  return out;
}

std::unique_ptr<scholard::testing::FakeApiProcess> start_fakeapi(const std::vector<std::string>& args) {
  // Generous: under ASan on a loaded two-core machine start-up can be slow.
  auto started = scholard::testing::FakeApiProcess::start(args, seconds(30));
  if (!started) {
    ADD_FAILURE() << "cannot start scholard-fakeapi: " << started.error().message;
    return nullptr;
  }
  return std::move(*started);
}

scholard::testing::FakeApiStats fakeapi_stats(scholard::testing::FakeApiProcess& server) {
  auto stats = server.stats();
  if (!stats) {
    ADD_FAILURE() << "cannot read the fake server's stats: " << stats.error().message;
    return {};
  }
  return *stats;
}

}  // namespace scholard::fetchers::testing
