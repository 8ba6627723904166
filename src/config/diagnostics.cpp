#include "config/diagnostics.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace scholard::config {

void Problems::add(std::int64_t line, std::string_view key_path, std::string_view message) {
  std::string text = m_source;
  if (line > 0) text += ":" + std::to_string(line);
  text += ": ";
  if (!key_path.empty()) text += "key `" + std::string(key_path) + "`: ";
  text += message;
  m_items.push_back({line, std::move(text)});
}

void Problems::add_syntax(std::int64_t line, std::int64_t column, std::string_view message) {
  m_items.push_back({line, m_source + ":" + std::to_string(line) + ":" + std::to_string(column) +
                               ": syntax error: " + std::string(message)});
}

std::string Problems::joined() const {
  std::vector<const Item*> sorted;
  sorted.reserve(m_items.size());
  for (const Item& item : m_items) sorted.push_back(&item);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Item* a, const Item* b) { return a->line < b->line; });
  std::string out;
  for (const Item* item : sorted) {
    if (!out.empty()) out += '\n';
    out += item->text;
  }
  return out;
}

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  const std::string a = core::ascii_lower(a_in);
  const std::string b = core::ascii_lower(b_in);
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rows suffice for the transposition rule.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

std::optional<std::string> closest_key(std::string_view unknown, const std::vector<std::string_view>& known) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (const std::string_view candidate : known) {
    const std::size_t d = edit_distance(unknown, candidate);
    const std::size_t len = std::max(unknown.size(), candidate.size());
    const std::size_t allowed = std::min<std::size_t>(len >= 5 ? 2 : 1, std::max<std::size_t>(1, len / 3));
    if (d > allowed) continue;
    if (!best || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  if (!best) return std::nullopt;
  return std::string(*best);
}

}  // namespace scholard::config
