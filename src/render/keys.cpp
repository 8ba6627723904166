// Ordering and citation keys of merged papers (declared in merge.hpp).
#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

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

bool is_stop_word(std::string_view w) {
  return std::find(std::begin(k_stop_words), std::end(k_stop_words), w) != std::end(k_stop_words);
}

// The first word of already folded text that makes a key: runs of ASCII
// letters, digits and non-ASCII bytes, reduced to their ASCII letters and
// digits, at least two long and no stop word. "" when there is none.
std::string first_key_word(std::string_view folded) {
  std::size_t at = 0;
  while (at < folded.size()) {
    const auto in_word = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    };
    while (at < folded.size() && !in_word(folded[at])) ++at;
    std::size_t end = at;
    while (end < folded.size() && in_word(folded[end])) ++end;
    std::string w = ascii_alnum(folded.substr(at, end - at));
    if (w.size() >= 2 && !is_stop_word(w)) return w;
    at = end;
  }
  return "";
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char ascii_lower_alnum(char c) {  // the lower-cased letter or digit, or 0
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '\0';
}

// ascii_alnum(fold_name(s)). For ASCII text folding only lower-cases letters
// and turns some punctuation into spaces, all of which ascii_alnum drops: so
// the letters and digits, lower-cased, without folding (or allocating).
void append_folded_alnum(std::string& out, std::string_view s) {
  if (!is_ascii(s)) {
    out += ascii_alnum(fold_name(s));
    return;
  }
  for (const char c : s) {
    if (const char k = ascii_lower_alnum(c); k != '\0') out.push_back(k);
  }
}

// first_key_word(fold_name(piece)) for an ASCII piece: the words are the runs
// of letters and digits either way (every other byte separates them).
std::string first_key_word_ascii(std::string_view piece) {
  std::size_t at = 0;
  while (at < piece.size()) {
    while (at < piece.size() && ascii_lower_alnum(piece[at]) == '\0') ++at;
    std::string w;
    for (; at < piece.size() && ascii_lower_alnum(piece[at]) != '\0'; ++at) w.push_back(ascii_lower_alnum(piece[at]));
    if (w.size() >= 2 && !is_stop_word(w)) return w;
  }
  return "";
}

// Folding works character by character and never joins across whitespace,
// so the title is folded one whitespace-separated piece at a time and only up
// to the first key word: most titles never reach the slow Unicode path.
// Invalid UTF-8 folds differently as a whole (bytewise), so it is folded whole.
std::string first_significant_word(std::string_view title) {
  if (!core::is_valid_utf8(title)) return first_key_word(fold_name(title));
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::size_t at = 0;
  while (at < title.size()) {
    while (at < title.size() && space(title[at])) ++at;
    std::size_t end = at;
    while (end < title.size() && !space(title[end])) ++end;
    if (end > at) {
      const std::string_view piece = title.substr(at, end - at);
      std::string w = is_ascii(piece) ? first_key_word_ascii(piece) : first_key_word(fold_name(piece));
      if (!w.empty()) return w;
    }
    at = end;
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
  // Sorts indices, then moves each paper about once: a MergedPaper is two
  // dozen strings and vectors, too heavy to shuffle through a merge sort.
  std::vector<std::size_t> order(papers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    const MergedPaper& a = papers[i];
    const MergedPaper& b = papers[j];
    if (a.year != b.year) {
      if (a.year == 0 || b.year == 0) return b.year == 0;
      return a.year > b.year;
    }
    return a.position < b.position;
  });
  // papers[i] takes the paper at order[i]: each cycle of the permutation is
  // followed with one paper held aside, in place (a second list would be
  // megabytes of fresh memory on a long list). order[j] = j marks done.
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    MergedPaper held = std::move(papers[i]);
    std::size_t j = i;
    while (order[j] != i) {
      const std::size_t from = order[j];
      papers[j] = std::move(papers[from]);
      order[j] = j;
      j = from;
    }
    papers[j] = std::move(held);
    order[j] = j;
  }
}

std::string base_citation_key(const MergedPaper& paper) {
  std::string key;
  if (!paper.authors.empty()) {
    const MergedAuthor first = paper.authors.front();
    append_folded_alnum(key, first.family.empty() ? first.name : first.family);
  }
  if (key.empty()) key = "anon";
  // The year the entry shows (the venue's: benton2024nearly for ICLR 2024),
  // not the first arXiv version's: a key should read like the citation.
  if (paper.year > 0) {
    char year[16];
    key.append(year, static_cast<std::size_t>(std::to_chars(year, year + sizeof year, paper.year).ptr - year));
  } else {
    key += "nd";
  }
  key += first_significant_word(paper.title);
  return key;
}

void assign_citation_keys(std::vector<MergedPaper>& papers) {
  std::vector<std::size_t> order(papers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return papers[a].position < papers[b].position; });
  // A key the config pins (or that an earlier sync wrote: kept keys are
  // pinned the same way) is never changed; generated keys step around them.
  std::unordered_set<std::string_view> taken;
  for (const MergedPaper& p : papers) {
    if (!p.citation_key.empty()) taken.insert(p.citation_key);
  }
  std::vector<std::string> bases(papers.size());
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (papers[i].citation_key.empty()) bases[i] = base_citation_key(papers[i]);
  }
  // How many papers share each base key, then, in config order, which of
  // them each one is. The views borrow from `bases`, which outlives the map.
  struct Group {
    std::size_t size = 0;
    std::size_t next = 0;
  };
  std::unordered_map<std::string_view, Group> groups;
  groups.reserve(papers.size());
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (!bases[i].empty()) ++groups[bases[i]].size;
  }
  std::vector<std::string> keys(papers.size());
  std::unordered_set<std::string> made;  // generated so far ("x2024a" may be another paper's base)
  const auto is_free = [&](const std::string& k) { return !taken.contains(k) && !made.contains(k); };
  for (std::size_t i : order) {
    if (bases[i].empty()) continue;
    Group& g = groups[bases[i]];
    if (g.size == 1 && is_free(bases[i])) {
      keys[i] = bases[i];
    } else {
      do {
        keys[i] = bases[i] + suffix(g.next++);
      } while (!is_free(keys[i]));
    }
    made.insert(keys[i]);
  }
  groups.clear();  // its views die before `bases` goes
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (!keys[i].empty()) papers[i].citation_key = std::move(keys[i]);
  }
}

}  // namespace scholard::render
