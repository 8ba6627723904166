#include "faults.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace scholard::fakeapi {
namespace {

struct KindName {
  FaultKind kind;
  std::string_view name;
};

constexpr std::array<KindName, 18> k_kind_names{{
    {FaultKind::delay, "delay"},
    {FaultKind::status_429, "429"},
    {FaultKind::status_503, "503"},
    {FaultKind::status_500, "500"},
    {FaultKind::html_504, "504html"},
    {FaultKind::reset, "reset"},
    {FaultKind::truncate, "truncate"},
    {FaultKind::malformed, "malformed"},
    {FaultKind::html_200, "html200"},
    {FaultKind::empty, "empty"},
    {FaultKind::oversize, "oversize"},
    {FaultKind::drip, "drip"},
    {FaultKind::errorfeed_200, "errorfeed200"},
    {FaultKind::reject_id, "rejectid"},
    {FaultKind::status_403, "403"},
    {FaultKind::other_paper, "otherpaper"},
    {FaultKind::gzip_plain, "gzipplain"},
    {FaultKind::redirect, "redirect"},
}};

std::size_t index_of(Route route) { return static_cast<std::size_t>(route); }

std::optional<long long> parse_non_negative(std::string_view text) {
  long long value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value < 0) return std::nullopt;
  return value;
}

// Whether one of the comma-separated ids of `id_list` (spaces trimmed) is `id`.
bool id_list_contains(std::string_view id_list, std::string_view id) {
  while (!id_list.empty()) {
    const auto comma = id_list.find(',');
    std::string_view item = id_list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == id) return true;
    if (comma == std::string_view::npos) break;
    id_list.remove_prefix(comma + 1);
  }
  return false;
}

// Kinds whose parameter must be a number when given.
bool numeric_param(FaultKind kind) {
  return kind == FaultKind::delay || kind == FaultKind::oversize || kind == FaultKind::drip ||
         kind == FaultKind::truncate;
}

}  // namespace

std::string_view to_string(Route route) {
  if (route == Route::semanticscholar) return "semanticscholar";
  return route == Route::arxiv ? "arxiv" : "crossref";
}

std::string_view to_string(FaultKind kind) {
  for (const auto& entry : k_kind_names) {
    if (entry.kind == kind) return entry.name;
  }
  return "?";
}

core::Result<Route> parse_route(std::string_view text) {
  if (text == "arxiv") return Route::arxiv;
  if (text == "crossref") return Route::crossref;
  if (text == "semanticscholar" || text == "s2") return Route::semanticscholar;
  return core::fail(core::ErrorCode::invalid_input,
                    "unknown route '" + std::string(text) + "' (expected arxiv, crossref or semanticscholar)");
}

core::Result<FaultKind> parse_fault_kind(std::string_view text) {
  for (const auto& entry : k_kind_names) {
    if (entry.name == text) return entry.kind;
  }
  return core::fail(core::ErrorCode::invalid_input, "unknown fault kind '" + std::string(text) + "'");
}

core::Result<Fault> make_fault(std::string_view route, std::string_view kind,
                               std::string_view param, std::string_view count_text) {
  auto parsed_route = parse_route(route);
  if (!parsed_route) return tl::unexpected(parsed_route.error());
  auto parsed_kind = parse_fault_kind(kind);
  if (!parsed_kind) return tl::unexpected(parsed_kind.error());
  Fault fault{*parsed_route, *parsed_kind, std::string(param), std::nullopt};
  if (fault.kind == FaultKind::errorfeed_200 && fault.route != Route::arxiv) {
    return core::fail(core::ErrorCode::invalid_input, "errorfeed200 applies to the arxiv route only");
  }
  if (fault.kind == FaultKind::status_403 && fault.route != Route::semanticscholar) {
    return core::fail(core::ErrorCode::invalid_input, "403 applies to the semanticscholar route only");
  }
  if (fault.kind == FaultKind::reject_id) {
    if (fault.route != Route::arxiv) {
      return core::fail(core::ErrorCode::invalid_input, "rejectid applies to the arxiv route only");
    }
    if (param.empty() || param.find(',') != std::string_view::npos) {
      return core::fail(core::ErrorCode::invalid_input,
                        "fault rejectid needs one arXiv id as its param, got '" + std::string(param) + "'");
    }
  }
  for (const char c : param) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return core::fail(core::ErrorCode::invalid_input, "fault param contains control characters");
    }
  }
  if (numeric_param(fault.kind) && !param.empty()) {
    auto number = parse_non_negative(param);
    if (!number || (fault.kind == FaultKind::drip && *number == 0)) {
      return core::fail(core::ErrorCode::invalid_input,
                        "fault " + std::string(kind) + " needs a positive number, got '" +
                            std::string(param) + "'");
    }
  }
  if (!count_text.empty()) {
    auto count = parse_non_negative(count_text);
    if (!count || *count == 0 || *count > 1'000'000) {
      return core::fail(core::ErrorCode::invalid_input,
                        "fault count must be a positive integer, got '" + std::string(count_text) + "'");
    }
    fault.count = static_cast<int>(*count);
  }
  return fault;
}

core::Result<Fault> parse_fault_spec(std::string_view spec) {
  // A trailing "xN" is the count; no kind or numeric param ends that way.
  std::string_view count_text;
  const auto x = spec.rfind('x');
  if (x != std::string_view::npos && x + 1 < spec.size() &&
      parse_non_negative(spec.substr(x + 1)).has_value()) {
    count_text = spec.substr(x + 1);
    spec = spec.substr(0, x);
  }
  const auto first = spec.find(':');
  if (first == std::string_view::npos) {
    return core::fail(core::ErrorCode::invalid_input,
                      "fault spec '" + std::string(spec) + "' is not ROUTE:KIND[:PARAM][xCOUNT]");
  }
  const auto route = spec.substr(0, first);
  auto rest = spec.substr(first + 1);
  // The param is everything after the second colon: HTTP-dates contain colons.
  const auto second = rest.find(':');
  const auto kind = rest.substr(0, second);
  const auto param = second == std::string_view::npos ? std::string_view{} : rest.substr(second + 1);
  return make_fault(route, kind, param, count_text);
}

void FaultQueue::add(Fault fault) { m_queues[index_of(fault.route)].push_back(std::move(fault)); }

void FaultQueue::clear() {
  for (auto& queue : m_queues) queue.clear();
}

std::optional<Fault> FaultQueue::take(Route route, std::string_view id_list) {
  auto& queue = m_queues[index_of(route)];
  const auto applies = [id_list](const Fault& f) {
    return f.kind != FaultKind::reject_id || id_list_contains(id_list, f.param);
  };
  const auto it = std::find_if(queue.begin(), queue.end(), applies);
  if (it == queue.end()) return std::nullopt;
  Fault fault = *it;
  if (it->count) {
    if (--*it->count <= 0) queue.erase(it);
  }
  return fault;
}

std::size_t FaultQueue::pending(Route route) const { return m_queues[index_of(route)].size(); }

}  // namespace scholard::fakeapi
