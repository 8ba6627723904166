// HTTP header handling for the client: parsing raw header lines, the
// Retry-After header (seconds or HTTP-date), the rate-limit headers Crossref
// announces (both spellings, including the duplicated "50, 50" form), and the
// User-Agent every request carries. All functions are pure; none throws.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"

namespace scholard::net {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// "Name: value\r\n" -> {"name", "value"} (name lower-cased, value trimmed).
// Returns nullopt for status lines, blank lines and lines without a colon.
std::optional<std::pair<std::string, std::string>> parse_header_line(std::string_view line);

// An HTTP-date in any of the three forms of RFC 9110 §5.6.7 (IMF-fixdate,
// RFC 850, asctime). Returns nullopt when the text is not a valid date.
std::optional<core::SysTime> parse_http_date(std::string_view text);

// Retry-After as a delay from `now`: "120" -> 120 s; an HTTP-date -> the time
// until then (zero when it is in the past), rounded up to whole milliseconds.
// Returns nullopt when the value is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, core::SysTime now);

// A count that may arrive duplicated ("50, 50"): the smallest valid element.
// Returns nullopt when no element is a non-negative integer.
std::optional<long> parse_min_count(std::string_view value);

// An interval like "1s", "60s", "500ms" or a bare number of seconds, possibly
// duplicated ("1s, 1s"): the smallest valid element. Nullopt when none is valid.
std::optional<std::chrono::milliseconds> parse_interval(std::string_view value);

// What a server announced about its limits in one response.
struct RateHeaders {
  std::optional<long> limit;                     // x-rate-limit-limit / x-ratelimit-limit
  std::optional<std::chrono::milliseconds> interval;  // x-rate-limit-interval / x-ratelimit-interval
  std::optional<long> concurrency;               // x-concurrency-limit
};

// Reads RateHeaders from lower-cased response headers; every field is nullopt
// when absent or unparsable. Repeated headers count with their minimum.
RateHeaders rate_headers_from(const HeaderList& headers);

// "scholard/VERSION (+PROJECT_URL; mailto:CONTACT)"; without a contact the
// "; mailto:" part is left out.
std::string user_agent(std::string_view contact);

}  // namespace scholard::net
