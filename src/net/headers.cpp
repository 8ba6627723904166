#include "net/headers.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "core/text.hpp"

namespace scholard::net {
namespace {

using std::chrono::milliseconds;

template <typename Int>
std::optional<Int> parse_int(std::string_view digits) {
  Int value{};
  const auto* last = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), last, value);
  if (digits.empty() || ec != std::errc{} || ptr != last) return std::nullopt;
  return value;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const auto start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::optional<unsigned> month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> k_months = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  const auto lower = core::ascii_lower(name);
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (lower == k_months[i]) return static_cast<unsigned>(i + 1);
  }
  return std::nullopt;
}

// "08:49:37" -> seconds since midnight.
std::optional<std::chrono::seconds> parse_clock_time(std::string_view text) {
  const auto parts = core::split(text, ':');
  if (parts.size() != 3) return std::nullopt;
  const auto h = parse_int<int>(parts[0]);
  const auto m = parse_int<int>(parts[1]);
  const auto s = parse_int<int>(parts[2]);
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60 || *h < 0 || *m < 0 || *s < 0) return std::nullopt;
  return std::chrono::hours(*h) + std::chrono::minutes(*m) + std::chrono::seconds(*s);
}

std::optional<core::SysTime> assemble(std::string_view day, std::string_view month,
                                      std::string_view year, std::string_view time) {
  const auto d = parse_int<unsigned>(day);
  const auto mon = month_number(month);
  auto y = parse_int<int>(year);
  const auto t = parse_clock_time(time);
  if (!d || !mon || !y || !t) return std::nullopt;
  if (year.size() == 2) *y += *y < 70 ? 2000 : 1900;  // RFC 850's two-digit years
  const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{*mon},
                                        std::chrono::day{*d}};
  if (!ymd.ok()) return std::nullopt;
  return core::SysTime{std::chrono::sys_days{ymd}.time_since_epoch() + *t};
}

// Splits a comma-separated header value into trimmed, non-empty elements.
std::vector<std::string_view> list_elements(std::string_view value) {
  std::vector<std::string_view> out;
  for (const auto piece : core::split(value, ',')) {
    const auto trimmed = core::trim(piece);
    if (!trimmed.empty()) out.push_back(trimmed);
  }
  return out;
}

std::optional<milliseconds> parse_one_interval(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const auto number = parse_int<long>(text.substr(0, digits));
  if (!number) return std::nullopt;
  const auto unit = core::ascii_lower(core::trim(text.substr(digits)));
  if (unit.empty() || unit == "s") return std::chrono::seconds(*number);
  if (unit == "ms") return milliseconds(*number);
  if (unit == "m") return std::chrono::minutes(*number);
  return std::nullopt;
}

template <typename T>
void keep_min(std::optional<T>& slot, const std::optional<T>& candidate) {
  if (candidate && (!slot || *candidate < *slot)) slot = candidate;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> parse_header_line(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const auto name = line.substr(0, colon);
  if (name.find_first_of(" \t/") != std::string_view::npos) return std::nullopt;  // "HTTP/1.1 200"
  return std::pair{core::ascii_lower(name), std::string(core::trim(line.substr(colon + 1)))};
}

std::optional<core::SysTime> parse_http_date(std::string_view text) {
  std::string cleaned(core::trim(text));
  std::replace(cleaned.begin(), cleaned.end(), ',', ' ');
  std::replace(cleaned.begin(), cleaned.end(), '-', ' ');
  const auto w = words(cleaned);
  // IMF-fixdate "Sun 06 Nov 1994 08:49:37 GMT" and RFC 850 "Sunday 06 Nov 94 08:49:37 GMT".
  if (w.size() == 6 && core::ascii_lower(w[5]) == "gmt") return assemble(w[1], w[2], w[3], w[4]);
  // asctime "Sun Nov 6 08:49:37 1994".
  if (w.size() == 5) return assemble(w[2], w[1], w[4], w[3]);
  return std::nullopt;
}

std::optional<milliseconds> parse_retry_after(std::string_view value, core::SysTime now) {
  const auto trimmed = core::trim(value);
  if (const auto seconds = parse_int<long long>(trimmed)) {
    if (*seconds < 0) return std::nullopt;
    constexpr long long k_max_seconds = std::numeric_limits<long long>::max() / 1000;
    return milliseconds(std::min(*seconds, k_max_seconds) * 1000);
  }
  const auto when = parse_http_date(trimmed);
  if (!when) return std::nullopt;
  if (*when <= now) return milliseconds(0);
  return std::chrono::ceil<milliseconds>(*when - now);
}

std::optional<long> parse_min_count(std::string_view value) {
  std::optional<long> best;
  for (const auto element : list_elements(value)) {
    const auto n = parse_int<long>(element);
    if (n && *n >= 0) keep_min(best, n);
  }
  return best;
}

std::optional<milliseconds> parse_interval(std::string_view value) {
  std::optional<milliseconds> best;
  for (const auto element : list_elements(value)) keep_min(best, parse_one_interval(element));
  return best;
}

RateHeaders rate_headers_from(const HeaderList& headers) {
  RateHeaders out;
  for (const auto& [name, value] : headers) {
    if (name == "x-rate-limit-limit" || name == "x-ratelimit-limit") {
      keep_min(out.limit, parse_min_count(value));
    } else if (name == "x-rate-limit-interval" || name == "x-ratelimit-interval") {
      keep_min(out.interval, parse_interval(value));
    } else if (name == "x-concurrency-limit") {
      keep_min(out.concurrency, parse_min_count(value));
    }
  }
  return out;
}

std::string user_agent(std::string_view contact) {
  std::string ua = "scholard/" SCHOLARD_VERSION " (+" SCHOLARD_PROJECT_URL;
  const auto trimmed = core::trim(contact);
  if (!trimmed.empty()) {
    ua += "; mailto:";
    ua += trimmed;
  }
  ua += ")";
  return ua;
}

}  // namespace scholard::net
