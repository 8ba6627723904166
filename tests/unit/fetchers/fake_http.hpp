// The fetchers tests' helpers: the shared fake HttpClient and fixture
// readers (support/fake_http.hpp, in fetchers::testing), plus readable
// failure output for FetchStatus.
#pragma once

#include <ostream>
#include <string>
#include <utility>

#include "fetchers/fetch_result.hpp"
#include "support/fake_http.hpp"

namespace scholard::fetchers {
inline void PrintTo(FetchStatus s, std::ostream* os) { *os << to_string(s); }

namespace testing {
// An answer the client failed although its status looks fine (a redirect it
// refused, a body not in its Content-Encoding): `outcome` and `error` are
// the client's verdict.
inline net::Response failed_answer(long status, std::string body, net::Outcome outcome, std::string error) {
  net::Response r = make_response(status, std::move(body), "text/plain");
  r.outcome = outcome;
  r.error = std::move(error);
  return r;
}
}  // namespace testing
}  // namespace scholard::fetchers
