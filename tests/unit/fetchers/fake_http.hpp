// The fetchers tests' view of the shared fake HttpClient and fixture readers
// (support/fake_http.hpp), as `fetchers::testing::...`, plus readable
// failure output for FetchStatus.
#pragma once

#include <ostream>

#include "fetchers/fetch_result.hpp"
#include "support/fake_http.hpp"

namespace scholard::fetchers {
inline void PrintTo(FetchStatus s, std::ostream* os) { *os << to_string(s); }
}  // namespace scholard::fetchers

namespace scholard::fetchers::testing {
using namespace scholard::testing;  // NOLINT(google-build-using-namespace): one set of helpers, two spellings
}  // namespace scholard::fetchers::testing
