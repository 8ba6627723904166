#include "render/line_diff.hpp"

#include <algorithm>
#include <vector>

namespace scholard::render {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size() - 1;
    lines.push_back(text.substr(start, nl - start + 1));
    start = nl + 1;
  }
  return lines;
}

enum class Op { keep, remove, add };

struct Edit {
  Op op;
  std::size_t a;  // index in before (keep/remove)
  std::size_t b;  // index in after (keep/add)
};

// Myers' greedy algorithm with a saved trace for the backtrack.
std::vector<Edit> myers(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const auto n = static_cast<long>(a.size());
  const auto m = static_cast<long>(b.size());
  const long max = n + m;
  const auto offset = static_cast<std::size_t>(max + 1);
  std::vector<long> v(2 * offset + 1, 0);
  std::vector<std::vector<long>> trace;
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      const auto at = [&](long kk) -> long& { return v[static_cast<std::size_t>(kk + static_cast<long>(offset))]; };
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) break;
  }
  std::vector<Edit> edits;
  long x = n;
  long y = m;
  for (auto d = static_cast<long>(trace.size()) - 1; d >= 0; --d) {
    const auto& tv = trace[static_cast<std::size_t>(d)];
    const auto at = [&](long kk) { return tv[static_cast<std::size_t>(kk + static_cast<long>(offset))]; };
    const long k = x - y;
    const long prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    const long prev_x = at(prev_k);
    const long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) edits.push_back({Op::keep, static_cast<std::size_t>(--x), static_cast<std::size_t>(--y)});
    if (d > 0) {
      if (x == prev_x) edits.push_back({Op::add, static_cast<std::size_t>(x), static_cast<std::size_t>(--y)});
      else edits.push_back({Op::remove, static_cast<std::size_t>(--x), static_cast<std::size_t>(y)});
    }
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

void append_line(std::string& out, char tag, std::string_view line) {
  out.push_back(tag);
  out.append(line);
  if (line.empty() || line.back() != '\n') out.append("\n\\ No newline at end of file\n");
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name, int context) {
  if (before == after) return {};
  const auto a = lines_of(before);
  const auto b = lines_of(after);
  const auto edits = myers(a, b);
  const auto ctx = static_cast<std::size_t>(std::max(context, 0));
  // git's a/ and b/ prefixes stand for the two sides; an absolute name
  // keeps its path under them ("a/home/ada/site/..."), not "a//home".
  const std::string_view shown = name.substr(std::min(name.find_first_not_of('/'), name.size()));
  std::string out = "--- a/" + std::string(shown) + "\n+++ b/" + std::string(shown) + "\n";
  std::size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == Op::keep) {
      ++i;
      continue;
    }
    // A hunk: from ctx lines before this change to ctx lines after the last
    // change that is at most 2*ctx unchanged lines away.
    std::size_t start = i >= ctx ? i - ctx : 0;
    std::size_t end = i;
    std::size_t keep_run = 0;
    for (std::size_t j = i; j < edits.size(); ++j) {
      if (edits[j].op == Op::keep) {
        if (++keep_run > 2 * ctx) break;
      } else {
        keep_run = 0;
        end = j;
      }
    }
    std::size_t stop = std::min(edits.size(), end + 1 + ctx);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t j = start; j < stop; ++j) {
      a_count += edits[j].op != Op::add;
      b_count += edits[j].op != Op::remove;
    }
    const std::size_t a_start = edits[start].a + (a_count ? 1 : 0);
    const std::size_t b_start = edits[start].b + (b_count ? 1 : 0);
    out += "@@ -" + std::to_string(a_start) + "," + std::to_string(a_count) + " +" + std::to_string(b_start) + "," +
           std::to_string(b_count) + " @@\n";
    for (std::size_t j = start; j < stop; ++j) {
      const auto& e = edits[j];
      if (e.op == Op::keep) append_line(out, ' ', a[e.a]);
      else if (e.op == Op::remove) append_line(out, '-', a[e.a]);
      else append_line(out, '+', b[e.b]);
    }
    i = stop;
  }
  return out;
}

}  // namespace scholard::render
