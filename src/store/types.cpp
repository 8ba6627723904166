#include "store/types.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;

namespace {

template <typename E, std::size_t N>
Result<E> parse_name(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view s,
                     std::string_view what) {
  for (const auto& [value, name] : names) {
    if (name == s) return value;
  }
  return core::fail(ErrorCode::invalid_input, "unknown " + std::string(what) + " '" + std::string(s) + "'");
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E e) {
  for (const auto& [value, name] : names) {
    if (value == e) return name;
  }
  return "?";
}

constexpr std::array<std::pair<StoredOutcome, std::string_view>, 6> k_outcomes{{
    {StoredOutcome::never, "never"},
    {StoredOutcome::ok, "ok"},
    {StoredOutcome::not_modified, "not_modified"},
    {StoredOutcome::not_found, "not_found"},
    {StoredOutcome::invalid, "invalid"},
    {StoredOutcome::error, "error"},
}};

constexpr std::array<std::pair<HistoryKind, std::string_view>, 6> k_kinds{{
    {HistoryKind::first_seen, "first_seen"},
    {HistoryKind::venue, "venue"},
    {HistoryKind::changed, "changed"},
    {HistoryKind::added, "added"},
    {HistoryKind::removed, "removed"},
    {HistoryKind::restored, "restored"},
}};

constexpr std::array<std::pair<RunOutcome, std::string_view>, 5> k_run_outcomes{{
    {RunOutcome::running, "running"},
    {RunOutcome::ok, "ok"},
    {RunOutcome::partial, "partial"},
    {RunOutcome::failed, "failed"},
    {RunOutcome::interrupted, "interrupted"},
}};

}  // namespace

std::string paper_key(std::string_view arxiv_id, std::string_view doi, std::string_view title) {
  if (!arxiv_id.empty()) return std::string(arxiv_id);
  if (!doi.empty()) return std::string(doi);
  // ASCII letters and digits survive, and so do non-ASCII characters (so
  // non-Latin titles keep distinct keys) except Latin-1 and General
  // Punctuation (U+0080-U+00BF, U+2000-U+206F: curly quotes, dashes). Every
  // other run becomes one '-'.
  std::string folded = core::fold_for_match(title);
  std::string slug;
  auto separate = [&slug] {
    if (!slug.empty() && slug.back() != '-') slug.push_back('-');
  };
  for (std::size_t i = 0; i < folded.size();) {
    auto u = static_cast<unsigned char>(folded[i]);
    std::size_t len = u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
    len = std::min(len, folded.size() - i);
    std::string_view ch(folded.data() + i, len);
    i += len;
    auto b1 = len > 1 ? static_cast<unsigned char>(ch[1]) : 0;
    bool punct = (u == 0xC2) || (u == 0xE2 && (b1 == 0x80 || b1 == 0x81));
    bool alnum = (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9');
    if (alnum || (u >= 0x80 && !punct)) slug += ch;
    else separate();
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? std::string() : "title:" + slug;
}

std::string_view to_string(StoredOutcome o) { return name_of(k_outcomes, o); }
Result<StoredOutcome> parse_stored_outcome(std::string_view s) { return parse_name(k_outcomes, s, "fetch outcome"); }

bool is_failure(StoredOutcome o) {
  return o == StoredOutcome::not_found || o == StoredOutcome::invalid || o == StoredOutcome::error;
}

std::string_view to_string(HistoryKind k) { return name_of(k_kinds, k); }
Result<HistoryKind> parse_history_kind(std::string_view s) { return parse_name(k_kinds, s, "history kind"); }

int RunSummary::total_requests() const {
  int total = 0;
  for (const auto& [source, n] : requests) total += n;
  return total;
}

std::string_view to_string(RunOutcome o) { return name_of(k_run_outcomes, o); }
Result<RunOutcome> parse_run_outcome(std::string_view s) { return parse_name(k_run_outcomes, s, "run outcome"); }

}  // namespace scholard::store
