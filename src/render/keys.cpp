// Ordering and citation keys of merged papers (declared in merge.hpp).
#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "render/merge.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

constexpr std::string_view k_stop_words[] = {
    "a",    "an",   "the",  "on",      "of",    "in",   "for",  "and", "to",   "with", "from", "via",
    "by",   "at",   "is",   "are",     "do",    "does", "when", "how", "what", "why",  "which", "towards",
    "toward", "into", "using", "beyond", "its", "as",   "or",   "not", "can",  "we",   "our",  "new"};

// Lower-case ASCII letters and digits of already folded text, other bytes dropped.
std::string ascii_alnum(std::string_view folded) {
  std::string out;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

std::string first_significant_word(std::string_view title) {
  std::string folded = fold_name(title);
  for (char& c : folded) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80))) c = ' ';
  }
  const std::string collapsed = core::collapse_whitespace(folded);  // split's views borrow from it
  for (auto word : core::split(collapsed, ' ')) {
    std::string w = ascii_alnum(word);
    if (w.size() < 2) continue;  // initials and stray letters are not words
    if (std::find(std::begin(k_stop_words), std::end(k_stop_words), w) != std::end(k_stop_words)) continue;
    return w;
  }
  return "";
}

// a, b, ..., z, aa, ab ...
std::string suffix(std::size_t index) {
  std::string s;
  ++index;
  while (index > 0) {
    --index;
    s.insert(s.begin(), static_cast<char>('a' + static_cast<int>(index % 26)));
    index /= 26;
  }
  return s;
}

}  // namespace

void sort_papers(std::vector<MergedPaper>& papers) {
  std::stable_sort(papers.begin(), papers.end(), [](const MergedPaper& a, const MergedPaper& b) {
    if (a.year != b.year) {
      if (a.year == 0 || b.year == 0) return b.year == 0;
      return a.year > b.year;
    }
    return a.position < b.position;
  });
}

std::string base_citation_key(const MergedPaper& paper) {
  std::string key;
  if (!paper.authors.empty()) {
    const auto& first = paper.authors.front();
    key = ascii_alnum(fold_name(first.family.empty() ? first.name : first.family));
  }
  if (key.empty()) key = "anon";
  key += paper.first_version_year > 0 ? std::to_string(paper.first_version_year) : "nd";
  key += first_significant_word(paper.title);
  return key;
}

void assign_citation_keys(std::vector<MergedPaper>& papers) {
  std::vector<std::size_t> order(papers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return papers[a].position < papers[b].position; });
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i : order) groups[base_citation_key(papers[i])].push_back(i);
  for (auto& [base, members] : groups) {
    for (std::size_t k = 0; k < members.size(); ++k) {
      papers[members[k]].citation_key = members.size() == 1 ? base : base + suffix(k);
    }
  }
}

}  // namespace scholard::render
