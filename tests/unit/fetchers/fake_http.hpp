// The fetchers tests' helpers: the shared fake HttpClient and fixture
// readers (support/fake_http.hpp, in fetchers::testing), plus readable
// failure output for FetchStatus.
#pragma once

#include <ostream>

#include "fetchers/fetch_result.hpp"
#include "support/fake_http.hpp"

namespace scholard::fetchers {
inline void PrintTo(FetchStatus s, std::ostream* os) { *os << to_string(s); }
}  // namespace scholard::fetchers
